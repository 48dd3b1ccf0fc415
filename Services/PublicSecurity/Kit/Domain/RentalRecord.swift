import Domain
import Foundation
import SecurityContract

/// A rented dwelling (出租房屋) as the office keeps it: landlord and tenants, each tenant a
/// floating-population registration.
public struct RentalRecord: Sendable, Equatable {
    public var id: Int64
    public var community: CommunityCode
    public var grid: GridCode
    public var address: String
    public var landlordName: String
    public var landlordIDNumber: ResidentIdentityNumber
    public var landlordPhone: String
    public var registeredAt: Date

    public init(
        id: Int64, community: CommunityCode, grid: GridCode, address: String, landlordName: String, landlordIDNumber: ResidentIdentityNumber,
        landlordPhone: String, registeredAt: Date
    ) {
        self.id = id
        self.community = community
        self.grid = grid
        self.address = address
        self.landlordName = landlordName
        self.landlordIDNumber = landlordIDNumber
        self.landlordPhone = landlordPhone
        self.registeredAt = registeredAt
    }
}

/// Why the office refuses a tenant of a rented dwelling: a tenant must be a residing
/// floating-population registration of the dwelling's community.
public enum RentalRefusal: Error, Sendable, Equatable {
    /// The tenant at `index` names no registration.
    case tenantNotRegistered(index: Int, id: String)
    /// The tenant at `index` has departed.
    case tenantDeparted(index: Int)
    /// The tenant at `index` is registered in another community.
    case tenantInAnotherCommunity(index: Int, community: CommunityCode)

    /// Checks each tenant's registration (nil: none found), in the order given.
    public static func check(tenants: [FloatingResidentRecord?], ids: [String], community: CommunityCode) throws(RentalRefusal) {
        for (index, tenant) in tenants.enumerated() {
            guard let tenant else { throw .tenantNotRegistered(index: index, id: ids[index]) }
            guard tenant.status == .residing else { throw .tenantDeparted(index: index) }
            guard tenant.community == community else { throw .tenantInAnotherCommunity(index: index, community: tenant.community) }
        }
    }
}
