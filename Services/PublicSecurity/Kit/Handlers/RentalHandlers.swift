import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Rented dwellings (出租房屋): register with tenants (each a residing registration), get, list.
extension SecurityOffice {
    public func registerRental(_ request: Security.RegisterRentalRequest, context: CallContext) async throws -> Security.RentalHousing {
        let rental = try await RegisterRental(validating: request, for: self, context: context)
        try GridScope(principal: context.principal).require(rental.grid, field: "grid_code")
        let visibility = SecurityVisibility(context.principal)
        let registeredAt = now()
        return try await database.idempotentWrite(context, request: request) { db in
            let tenants = try rental.tenants.map { try FloatingStore.find(db, id: $0.row) }
            try RentalRefusal.check(tenants: tenants, ids: rental.tenants.map(\.description), community: rental.community)
            let id = try RentalStore.insert(
                db,
                RentalRecord(
                    id: 0, community: rental.community, grid: rental.grid, address: rental.address, landlordName: rental.landlordName.rawValue,
                    landlordIDNumber: rental.landlordIDNumber, landlordPhone: rental.landlordPhone, registeredAt: registeredAt),
                tenants: rental.tenants.map(\.row))
            logger.info("rented dwelling registered", metadata: ["rental": "\(EntityKind.rental.id(id))", "principal": "\(context.principal.id)"])
            return id
        } render: { db, id in
            try Self.rental(db, EntityKind.rental.id(id), visibility, for: context)
        }
    }

    public func getRental(_ request: Security.GetRentalRequest, context: CallContext) async throws -> Security.RentalHousing {
        var validation = Validation()
        let id = validation.entityID(request.rentalId, .rental, field: "rental_id")
        try validation.finish()
        let rentalID = try validation.unwrap(id, field: "rental_id")
        let scope = GridScope(principal: context.principal)
        let visibility = SecurityVisibility(context.principal)
        return try await database.read { db in
            guard let record = try RentalStore.find(db, id: rentalID.row) else { throw RPCError.notFound(rentalID, field: "rental_id") }
            try scope.require(record.grid, field: "rental_id")
            return record.message(tenants: try RentalStore.tenants(db, rentalID: record.id), visibility, for: context)
        }
    }

    public func listRentals(_ request: Security.ListRentalsRequest, context: CallContext) async throws -> Security.ListRentalsResponse {
        let scope = GridScope(principal: context.principal)
        let query = try GridListQuery(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, scope: scope)
        if let grid = query.grid { try scope.require(grid, field: "grid_code") }
        let visibility = SecurityVisibility(context.principal)
        return try await database.read { db in
            let found = try RentalStore.list(db, community: query.community, grid: query.grid, afterID: query.afterID, limit: query.page.fetchLimit)
            let rows = query.page.page(of: found, rowID: \.id)
            let rentals = try rows.rows.map { $0.message(tenants: try RentalStore.tenants(db, rentalID: $0.id), visibility, for: context) }
            return Security.ListRentalsResponse(rentals: rentals, nextPageToken: rows.nextToken)
        }
    }

    /// The dwelling a write has just written (or a replay refers to), as the caller may see it.
    static func rental(_ db: Database, _ id: EntityID, _ visibility: SecurityVisibility, for context: CallContext) throws -> Security.RentalHousing {
        guard let record = try RentalStore.find(db, id: id.row) else { throw RPCError.notReadBack(id) }
        return record.message(tenants: try RentalStore.tenants(db, rentalID: record.id), visibility, for: context)
    }
}
