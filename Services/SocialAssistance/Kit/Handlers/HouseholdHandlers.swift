import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// Households (户) and their members: register, get, list, and the changes that matter to money
/// (a member joins or leaves, an income is reported), which count from the next month.
extension AssistanceOffice {
    public func registerHousehold(_ request: Assistance.RegisterHouseholdRequest, context: CallContext) async throws -> Assistance.Household {
        let registration = try await RegisterHousehold(validating: request, for: self, context: context)
        let visibility = HouseholdVisibility(context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            for (index, member) in registration.members.enumerated() {
                if let other = try HouseholdStore.householdID(db, idNumber: member.idNumber.rawValue) {
                    // The field names the member as the request listed them (the head was moved first).
                    let position = request.members.firstIndex { $0.idNumber == member.idNumber.rawValue } ?? index
                    throw HouseholdRefusal.alreadyAMember(field: "members[\(position)].id_number", householdRow: other)
                }
            }
            let at = now()
            let household = HouseholdRecord(
                id: 0, community: registration.community, grid: registration.grid, address: registration.address, members: registration.members,
                registeredAt: at)
            let id = try HouseholdStore.insert(db, household)
            for member in registration.members {
                try HouseholdStore.recordChange(db, householdID: id, idNumber: member.idNumber, change: "register", reason: "", actor: actor, at: at)
            }
            try HouseholdStore.setMeans(db, householdID: id, from: LocalMonth(LocalDate(at)), household.means)
            logger.info("household registered", metadata: ["household": "\(EntityKind.household.id(id))", "principal": "\(actor)"])
            return id
        } render: { db, id in
            try Self.household(db, id).message(visibility, for: context)
        }
    }

    public func getHousehold(_ request: Assistance.GetHouseholdRequest, context: CallContext) async throws -> Assistance.Household {
        let lookup = try HouseholdLookup(validating: request, for: self, context: context)
        let household = try await database.read { db -> HouseholdRecord? in
            switch lookup {
            case .household(let id): return try HouseholdStore.find(db, id: id.row)
            case .member(let number): return try HouseholdStore.householdID(db, idNumber: number.rawValue).flatMap { try HouseholdStore.find(db, id: $0) }
            }
        }
        guard let household else { throw lookup.notFound }
        try GridScope(principal: context.principal).require(household.grid, field: lookup.field)
        return household.message(HouseholdVisibility(context.principal), for: context)
    }

    public func listHouseholds(_ request: Assistance.ListHouseholdsRequest, context: CallContext) async throws -> Assistance.ListHouseholdsResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = request.gridCode.isEmpty ? nil : validation.grid(request.gridCode, field: "grid_code", in: community)
        let scope = GridScope(principal: context.principal)
        validation.require(!scope.isRestricted || !request.gridCode.isEmpty, field: "grid_code", "is required: a grid worker lists one of their grids")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        if let grid { try scope.require(grid, field: "grid_code") }
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let rows = try await database.read { db in
            try HouseholdStore.list(db, community: served, grid: grid, afterID: after, limit: pageRequest.fetchLimit)
        }
        let visibility = HouseholdVisibility(context.principal)
        let households = pageRequest.page(of: rows, rowID: \.id).map { $0.message(visibility, for: context) }
        return Assistance.ListHouseholdsResponse(households: households.rows, nextPageToken: households.nextToken)
    }

    public func addMember(_ request: Assistance.AddMemberRequest, context: CallContext) async throws -> Assistance.Household {
        let addition = try AddMember(validating: request, for: self, context: context)
        return try await changeHousehold(addition.household, request: request, context: context) { db, household in
            if let other = try HouseholdStore.householdID(db, idNumber: addition.member.idNumber.rawValue) {
                throw HouseholdRefusal.alreadyAMember(field: "member.id_number", householdRow: other)
            }
            let changed = try HouseholdRules.add(addition.member, to: household, maxMembers: policy.maxMembers)
            return (changed, addition.member.idNumber, "join", "")
        }
    }

    public func removeMember(_ request: Assistance.RemoveMemberRequest, context: CallContext) async throws -> Assistance.Household {
        let removal = try RemoveMember(validating: request, for: self, context: context)
        return try await changeHousehold(removal.household, request: request, context: context) { _, household in
            let changed = try HouseholdRules.remove(removal.idNumber, newHead: removal.newHead, from: household)
            return (changed, removal.idNumber, "leave", removal.reason)
        }
    }

    public func reportIncome(_ request: Assistance.ReportIncomeRequest, context: CallContext) async throws -> Assistance.Household {
        let report = try ReportIncome(validating: request, for: self, context: context)
        return try await changeHousehold(report.household, request: request, context: context) { _, household in
            var changed = household
            guard let index = changed.members.firstIndex(where: { $0.idNumber == report.idNumber }) else {
                throw HouseholdRefusal.notAMember(field: "id_number")
            }
            changed.members[index].monthlyIncome = report.income
            changed.members[index].workCapacity = report.workCapacity
            changed.members[index].seriousIllness = report.seriousIllness
            return (changed, report.idNumber, "income", "")
        }
    }

    /// One change of a household's members in one idempotent transaction: the change is recorded
    /// with who and when, and the means count from the next month.
    private func changeHousehold<Request: ProtoMessage>(
        _ id: EntityID, request: Request, context: CallContext,
        _ change: @escaping @Sendable (Database, HouseholdRecord) throws -> (HouseholdRecord, ResidentIdentityNumber, String, String)
    ) async throws -> Assistance.Household {
        let visibility = HouseholdVisibility(context.principal)
        let scope = GridScope(principal: context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard let household = try HouseholdStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "household_id") }
            try scope.require(household.grid, field: "household_id")
            let (changed, member, kind, reason) = try change(db, household)
            let at = now()
            try HouseholdStore.replaceMembers(db, changed)
            try HouseholdStore.recordChange(db, householdID: household.id, idNumber: member, change: kind, reason: reason, actor: actor, at: at)
            try HouseholdStore.setMeans(db, householdID: household.id, from: LocalMonth(LocalDate(at)).next, changed.means)
            context.reportResidents([member.rawValue])
            return household.id
        } render: { db, id in
            try Self.household(db, id).message(visibility, for: context)
        }
    }

    /// The household a write has just written or a replay refers to.
    static func household(_ db: Database, _ id: Int64) throws -> HouseholdRecord {
        guard let record = try HouseholdStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.household.id(id)) }
        return record
    }
}
