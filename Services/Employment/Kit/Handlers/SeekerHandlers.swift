import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// Job seekers (求职登记): register, update, withdraw, get, list.
extension EmploymentOffice {
    public func registerJobSeeker(_ request: Employment.RegisterJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let registration = try await RegisterJobSeeker(validating: request, for: self, context: context)
        let full = SeekerVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            try Self.mirror(db, registration.community, name: registration.communityName)
            let moment = now()
            try policy.checkWorkingAge(registration.idNumber, on: LocalDate(moment))
            let existing = try SeekerStore.find(db, idNumber: registration.idNumber.rawValue)
            try existing?.checkReturn()
            var record = JobSeekerRecord(
                id: existing?.id ?? 0, idNumber: registration.idNumber, name: registration.name.rawValue, community: registration.community,
                grid: registration.grid, category: registration.category, skills: registration.skills, wishes: registration.wishes,
                acceptsPromise: registration.acceptsPromise, status: .waiting, registeredAt: moment, placedAt: nil, placedVacancyID: nil,
                phone: registration.phone, householdID: registration.householdID,
                spell: SpellState(
                    number: (existing?.spell.number ?? 0) + 1,
                    promiseDeadline: registration.acceptsPromise ? PromiseRules.deadline(openedAt: moment, policy: policy) : nil))
            if existing == nil {
                record.id = try SeekerStore.insert(db, record)
            } else {
                try SeekerStore.reopen(db, record)
            }
            // the household's zero-employment standing (零就业家庭), and the old one's if it moved
            try HouseholdStore.refresh(db, community: record.community, householdID: record.householdID, now: moment)
            if let existing, existing.community != record.community || existing.householdID != record.householdID {
                try HouseholdStore.refresh(db, community: existing.community, householdID: existing.householdID, now: moment)
            }
            logger.info(
                existing == nil ? "job seeker registered" : "job seeker registered again",
                metadata: [
                    "seeker": "\(EntityKind.jobSeeker.id(record.id))", "spell": "\(record.spell.number)",
                    "community": "\(registration.community.rawValue)", "principal": "\(context.principal.id)",
                ])
            return record.id
        } render: { db, id in
            try rendered(db, id, full, for: context)
        }
    }

    public func updateJobSeeker(_ request: Employment.UpdateJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let update = try await UpdateJobSeeker(validating: request, for: self, context: context)
        let full = SeekerVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try SeekerStore.find(db, id: update.seeker.row) else { throw RPCError.notFound(update.seeker, field: "seeker_id") }
            try record.checkUpdate(grid: update.grid)
            record.grid = update.grid
            record.category = update.category
            record.skills = update.skills
            record.wishes = update.wishes
            record.phone = update.phone
            try SeekerStore.update(db, record)
            return record.id
        } render: { db, id in
            try rendered(db, id, full, for: context)
        }
    }

    public func withdrawJobSeeker(_ request: Employment.WithdrawJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let withdrawal = try WithdrawJobSeeker(validating: request, for: self, context: context)
        let full = SeekerVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let record = try Self.requireSeeker(db, withdrawal.seeker, context: context)
            try record.checkWithdrawal()
            // A promise past its deadline stays broken: the withdrawal does not take it away.
            let moment = now()
            let outcome = record.promiseDeadline.map { PromiseRules.onWithdrawal(deadline: $0, now: moment) } ?? .none
            try SeekerStore.withdraw(db, record, at: moment, end: withdrawal.reason, note: withdrawal.note, outcome: outcome)
            try HouseholdStore.refresh(db, community: record.community, householdID: record.householdID, now: moment)
            return record.id
        } render: { db, id in
            try rendered(db, id, full, for: context)
        }
    }

    public func getJobSeeker(_ request: Employment.GetJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let lookup = try JobSeekerLookup(validating: request, for: self, context: context)
        let record = try await database.read { db in
            switch lookup {
            case .seeker(let id): return try SeekerStore.find(db, id: id.row)
            case .resident(let number): return try SeekerStore.find(db, idNumber: number.rawValue)
            }
        }
        guard let record else { throw lookup.notFound }
        // A grid worker sees the residents of their own grids only.
        try GridScope(principal: context.principal).require(record.grid, field: lookup.field)
        context.logger.info("job seeker read", metadata: ["seeker": "\(EntityKind.jobSeeker.id(record.id))", "principal": "\(context.principal.id)"])
        return record.message(visibility: SeekerVisibility(context.principal), today: LocalDate(now()), for: context)
    }

    public func listJobSeekers(_ request: Employment.ListJobSeekersRequest, context: CallContext) async throws -> Employment.ListJobSeekersResponse {
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
        let status = request.status == .unspecified ? nil : request.status
        let rows = try await database.read { db in
            try SeekerStore.list(db, community: served, grid: grid, status: status, afterID: after, limit: pageRequest.fetchLimit)
        }
        let full = SeekerVisibility(context.principal), today = LocalDate(now())
        let seekers = pageRequest.page(of: rows, rowID: \.id).map { $0.message(visibility: full, today: today, for: context) }
        return Employment.ListJobSeekersResponse(seekers: seekers.rows, nextPageToken: seekers.nextToken)
    }

    /// The seeker a write names in `seeker_id`, reported to the call's audit log; NOT_FOUND
    /// naming the field when there is none.
    static func requireSeeker(_ db: Database, _ id: EntityID, context: CallContext) throws -> JobSeekerRecord {
        guard let record = try SeekerStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "seeker_id") }
        context.reportResidents([record.idNumber.rawValue])
        return record
    }

    /// The reply of a write that changed seeker `id`, as `visibility` lets the caller see it today.
    func rendered(_ db: Database, _ id: Int64, _ visibility: SeekerVisibility, for context: CallContext) throws -> Employment.JobSeeker {
        try Self.seeker(db, id).message(visibility: visibility, today: LocalDate(now()), for: context)
    }

    /// The job seeker a write has just written or an idempotent replay refers to.
    static func seeker(_ db: Database, _ id: Int64) throws -> JobSeekerRecord {
        guard let record = try SeekerStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.jobSeeker.id(id)) }
        return record
    }
}
