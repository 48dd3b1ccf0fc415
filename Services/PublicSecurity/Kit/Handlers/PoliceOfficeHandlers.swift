import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Community police offices (社区警务室) and their officers (一区一警: 1–2 by the community's size),
/// and the communities still without them.
extension SecurityOffice {
    public func openPoliceOffice(_ request: Security.OpenPoliceOfficeRequest, context: CallContext) async throws -> Security.PoliceOffice {
        let command = try await OpenPoliceOffice(validating: request, for: self, context: context)
        let required = try await requiredOfficers(command.community, context: context)
        let openedAt = now()
        return try await database.idempotentWrite(context, request: request) { db in
            if try PoliceOfficeStore.find(db, community: command.community) != nil { throw PoliceOfficeRefusal.alreadyOpen }
            try PoliceOfficeStore.insert(
                db, PoliceOfficeRecord(community: command.community, address: command.address, phone: command.phone, openedAt: openedAt))
            return Self.key(command.community)
        } render: { db, key in
            try Self.policeOffice(db, Self.community(key), required: required)
        }
    }

    public func assignOfficer(_ request: Security.AssignOfficerRequest, context: CallContext) async throws -> Security.PoliceOffice {
        let command = try AssignOfficer(validating: request, for: self, context: context)
        let required = try await requiredOfficers(command.community, context: context)
        let (policy, today) = (policy, today)
        return try await database.idempotentWrite(context, request: request) { db in
            guard try PoliceOfficeStore.find(db, community: command.community) != nil else { throw Self.noOffice(command.community) }
            try PoliceOfficeRefusal.checkAssign(
                command.officerID, to: command.community, officers: try PoliceOfficeStore.officers(db, community: command.community),
                elsewhere: try PoliceOfficeStore.community(db, officerID: command.officerID), policy: policy)
            try PoliceOfficeStore.assign(
                db,
                OfficerRecord(officerID: command.officerID, community: command.community, name: command.name.rawValue, phone: command.phone, assignedOn: today))
            return Self.key(command.community)
        } render: { db, key in
            try Self.policeOffice(db, Self.community(key), required: required)
        }
    }

    public func removeOfficer(_ request: Security.RemoveOfficerRequest, context: CallContext) async throws -> Security.PoliceOffice {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.staffID(request.officerId, field: "officer_id")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let required = try await requiredOfficers(served, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard try PoliceOfficeStore.find(db, community: served) != nil else { throw Self.noOffice(served) }
            guard try PoliceOfficeStore.community(db, officerID: request.officerId) == served else { throw PoliceOfficeRefusal.notAssigned }
            try PoliceOfficeStore.remove(db, officerID: request.officerId)
            return Self.key(served)
        } render: { db, key in
            try Self.policeOffice(db, Self.community(key), required: required)
        }
    }

    public func getPoliceOffice(_ request: Security.GetPoliceOfficeRequest, context: CallContext) async throws -> Security.PoliceOffice {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let required = try await requiredOfficers(served, context: context)
        return try await database.read { db in try Self.policeOffice(db, served, required: required) }
    }

    public func listUnstaffedCommunities(_ request: Security.ListUnstaffedCommunitiesRequest, context: CallContext) async throws
        -> Security.ListUnstaffedCommunitiesResponse
    {
        let communities = try await allCommunities(context)
        let staffing = try await database.read { db in try PoliceOfficeStore.staffing(db) }
        let unstaffed = communities.sorted { $0.code < $1.code }.compactMap { community -> Security.UnstaffedCommunity? in
            let required = policy.requiredOfficers(households: Int(community.households))
            let officers = staffing[community.code] ?? 0
            guard officers < required else { return nil }
            return Security.UnstaffedCommunity(
                communityCode: community.code, communityName: community.name, households: community.households, hasOffice: staffing[community.code] != nil,
                officers: UInt32(officers), requiredOfficers: UInt32(required))
        }
        return Security.ListUnstaffedCommunitiesResponse(communities: unstaffed)
    }

    /// Officers the community's size calls for; INVALID_ARGUMENT when the registry does not know it.
    func requiredOfficers(_ community: CommunityCode, context: CallContext) async throws -> Int {
        guard let found = try await registry.community(community, context: context) else {
            throw RPCError(
                .invalidArgument, "community_code: community \(community.rawValue) is not in the communities registry",
                violations: [Wire.FieldViolation(field: "community_code", description: "not in the communities registry")])
        }
        return policy.requiredOfficers(households: Int(found.households))
    }

    /// The office of `community` with its officers; NOT_FOUND when the community has none.
    static func policeOffice(_ db: Database, _ community: CommunityCode, required: Int) throws -> Security.PoliceOffice {
        guard let office = try PoliceOfficeStore.find(db, community: community) else { throw noOffice(community) }
        return office.message(officers: try PoliceOfficeStore.officers(db, community: community), requiredOfficers: required)
    }

    static func noOffice(_ community: CommunityCode) -> RPCError {
        .notFound("police office of community", field: "community_code", community.rawValue)
    }

    /// An office's idempotency reference: its community code, 12 digits, as a number.
    static func key(_ community: CommunityCode) -> Int64 { Int64(community.rawValue) ?? 0 }

    static func community(_ key: Int64) throws -> CommunityCode { try CommunityCode(String(key)) }
}
