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
            if try SeekerStore.find(db, idNumber: registration.idNumber.rawValue) != nil { throw JobSeekerRefusal.alreadyRegistered }
            var record = JobSeekerRecord(
                id: 0, idNumber: registration.idNumber, name: registration.name.rawValue, community: registration.community, grid: registration.grid,
                category: registration.category, skills: registration.skills, wishes: registration.wishes, acceptsPromise: registration.acceptsPromise,
                status: .waiting, registeredAt: now(), placedAt: nil, placedVacancyID: nil, phone: registration.phone)
            record.id = try SeekerStore.insert(db, record)
            logger.info(
                "job seeker registered",
                metadata: [
                    "seeker": "\(EntityKind.jobSeeker.id(record.id))", "community": "\(registration.community.rawValue)",
                    "principal": "\(context.principal.id)",
                ])
            return record.id
        } render: { db, id in
            try Self.seeker(db, id).message(policy: policy, visibility: full, for: context)
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
            try Self.seeker(db, id).message(policy: policy, visibility: full, for: context)
        }
    }

    public func withdrawJobSeeker(_ request: Employment.WithdrawJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let withdrawal = try WithdrawJobSeeker(validating: request, for: self, context: context)
        let full = SeekerVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try SeekerStore.find(db, id: withdrawal.seeker.row) else { throw RPCError.notFound(withdrawal.seeker, field: "seeker_id") }
            try record.checkWithdrawal()
            try SeekerStore.withdraw(db, id: record.id, reason: withdrawal.reason)
            return record.id
        } render: { db, id in
            try Self.seeker(db, id).message(policy: policy, visibility: full, for: context)
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
        return record.message(policy: policy, visibility: SeekerVisibility(context.principal), for: context)
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
        let full = SeekerVisibility(context.principal)
        let seekers = pageRequest.page(of: rows, rowID: \.id).map { $0.message(policy: policy, visibility: full, for: context) }
        return Employment.ListJobSeekersResponse(seekers: seekers.rows, nextPageToken: seekers.nextToken)
    }

    /// The job seeker a write has just written or an idempotent replay refers to.
    static func seeker(_ db: Database, _ id: Int64) throws -> JobSeekerRecord {
        guard let record = try SeekerStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.jobSeeker.id(id)) }
        return record
    }
}
