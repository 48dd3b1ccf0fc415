import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// The floating population (流动人口): arrival, update, departure, get, list by grid, counts per
/// community. A caller limited to some grids (a grid worker) registers and reads those grids only.
extension SecurityOffice {
    public func registerArrival(_ request: Security.RegisterArrivalRequest, context: CallContext) async throws -> Security.FloatingResident {
        let arrival = try await RegisterArrival(validating: request, for: self, context: context)
        try GridScope(principal: context.principal).require(arrival.grid, field: "grid_code")
        let visibility = SecurityVisibility(context.principal)
        let registeredAt = now()
        return try await database.idempotentWrite(context, request: request) { db in
            if try FloatingStore.isResiding(db, idNumber: arrival.idNumber) { throw FloatingResidentRefusal.alreadyResiding }
            let id = try FloatingStore.insert(
                db,
                FloatingResidentRecord(
                    id: 0, idNumber: arrival.idNumber, name: arrival.name.rawValue, origin: arrival.origin, community: arrival.community, grid: arrival.grid,
                    address: arrival.address, landlord: arrival.landlord, arrivalDate: arrival.arrivalDate, expectedStayDays: arrival.expectedStayDays,
                    phone: arrival.phone, registeredAt: registeredAt))
            logger.info(
                "arrival registered",
                metadata: [
                    "registration": "\(EntityKind.floatingResident.id(id))", "community": "\(arrival.community.rawValue)",
                    "principal": "\(context.principal.id)",
                ])
            return id
        } render: { db, id in
            try Self.floatingResident(db, EntityKind.floatingResident.id(id)).message(visibility, for: context)
        }
    }

    public func updateFloatingResident(_ request: Security.UpdateFloatingResidentRequest, context: CallContext) async throws -> Security.FloatingResident {
        let update = try await UpdateFloatingResident(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        let visibility = SecurityVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            var record = try Self.floatingResident(db, update.registration)
            try scope.require(record.grid, field: "registration_id")
            try scope.require(update.grid, field: "grid_code")
            try record.checkUpdate(grid: update.grid)
            record.grid = update.grid
            record.address = update.address
            record.landlord = update.landlord
            record.expectedStayDays = update.expectedStayDays
            record.phone = update.phone
            try FloatingStore.update(db, record)
            return record.id
        } render: { db, id in
            try Self.floatingResident(db, EntityKind.floatingResident.id(id)).message(visibility, for: context)
        }
    }

    public func recordDeparture(_ request: Security.RecordDepartureRequest, context: CallContext) async throws -> Security.FloatingResident {
        let departure = try RecordDeparture(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        let visibility = SecurityVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            var record = try Self.floatingResident(db, departure.registration)
            try scope.require(record.grid, field: "registration_id")
            try record.checkDeparture(on: departure.date)
            record.status = .departed
            record.departureDate = departure.date
            try FloatingStore.update(db, record)
            return record.id
        } render: { db, id in
            try Self.floatingResident(db, EntityKind.floatingResident.id(id)).message(visibility, for: context)
        }
    }

    public func getFloatingResident(_ request: Security.GetFloatingResidentRequest, context: CallContext) async throws -> Security.FloatingResident {
        let lookup = try FloatingResidentLookup(validating: request, for: self, context: context)
        let record = try await database.read { db in
            switch lookup {
            case .registration(let id): return try FloatingStore.find(db, id: id.row)
            case .resident(let number): return try FloatingStore.latest(db, idNumber: number)
            }
        }
        guard let record else { throw lookup.notFound }
        try GridScope(principal: context.principal).require(record.grid, field: lookup.field)
        context.logger.info(
            "registration read", metadata: ["registration": "\(EntityKind.floatingResident.id(record.id))", "principal": "\(context.principal.id)"])
        return record.message(SecurityVisibility(context.principal), for: context)
    }

    public func listFloatingResidents(_ request: Security.ListFloatingResidentsRequest, context: CallContext) async throws
        -> Security.ListFloatingResidentsResponse
    {
        let scope = GridScope(principal: context.principal)
        let query = try GridListQuery(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, scope: scope)
        if let grid = query.grid { try scope.require(grid, field: "grid_code") }
        let status = request.status == .unspecified ? nil : request.status
        let rows = try await database.read { db in
            try FloatingStore.list(db, community: query.community, grid: query.grid, status: status, afterID: query.afterID, limit: query.page.fetchLimit)
        }
        let visibility = SecurityVisibility(context.principal)
        let residents = query.page.page(of: rows, rowID: \.id).map { $0.message(visibility, for: context) }
        return Security.ListFloatingResidentsResponse(residents: residents.rows, nextPageToken: residents.nextToken)
    }

    public func countFloatingResidents(_ request: Security.CountFloatingResidentsRequest, context: CallContext) async throws
        -> Security.CountFloatingResidentsResponse
    {
        var validation = Validation()
        let community = request.communityCode.isEmpty ? nil : validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        if let community { try await requireRegistered(community, grid: nil, context: context) }
        let counts = try await database.read { db in try FloatingStore.counts(db, community: community) }
        return Security.CountFloatingResidentsResponse(
            counts: counts.map { Security.FloatingPopulationCount(communityCode: $0.community, residing: UInt32($0.residing), departed: UInt32($0.departed)) })
    }

    /// The registration `id` names; NOT_FOUND naming registration_id when there is none.
    static func floatingResident(_ db: Database, _ id: EntityID) throws -> FloatingResidentRecord {
        guard let record = try FloatingStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "registration_id") }
        return record
    }
}
