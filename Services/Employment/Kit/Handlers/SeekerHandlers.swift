import EmploymentContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// Job seekers (求职登记): register, update, withdraw, get, list.
extension EmploymentOffice {
    public func registerJobSeeker(_ request: Employment.RegisterJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.require(request.category != .unspecified, field: "category", "is required")
        let skills = validation.tags(request.skills, field: "skills")
        validation.text(request.wishes, field: "wishes", maxLength: 500)
        validation.text(request.phone, field: "phone", maxLength: 20)
        try await Self.checkServed(community, field: "community_code", in: database, &validation)
        try validation.finish()
        let full = Self.seesFullIdentity(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            _ = try Self.requireKnownCommunity(db, community!, field: "community_code")
            if try SeekerStore.find(db, idNumber: idNumber!.rawValue) != nil {
                throw RPCError(.alreadyExists, "this resident is already registered as a job seeker", violations: [Wire.FieldViolation(field: "id_number", description: "already registered")])
            }
            var record = JobSeekerRecord(
                id: 0, idNumber: idNumber!, name: name!.rawValue, community: community!, grid: grid!, category: request.category,
                skills: skills, wishes: request.wishes, acceptsPromise: request.acceptsPromise, status: .waiting,
                registeredAt: now(), placedAt: nil, placedVacancyID: nil, phone: request.phone)
            record.id = try SeekerStore.insert(db, record)
            logger.info("job seeker registered", metadata: ["seeker": "\(EntityID.format("S", record.id))", "community": "\(community!.rawValue)", "principal": "\(context.principal.id)"])
            return record.message(policy: policy, fullIdentity: full)
        }
    }

    public func updateJobSeeker(_ request: Employment.UpdateJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        var validation = Validation()
        let id = validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        validation.require(request.category != .unspecified, field: "category", "is required")
        let skills = validation.tags(request.skills, field: "skills")
        validation.text(request.wishes, field: "wishes", maxLength: 500)
        validation.text(request.phone, field: "phone", maxLength: 20)
        let grid = validation.grid(request.gridCode, field: "grid_code")
        try validation.finish()
        let full = Self.seesFullIdentity(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try SeekerStore.find(db, id: id!) else { throw Self.notFound("job seeker", field: "seeker_id", request.seekerId) }
            guard grid!.community == record.community else {
                throw RPCError.invalidArgument(field: "grid_code", "grid \(grid!.rawValue) is not in the seeker's community \(record.community.rawValue)")
            }
            guard record.status != .withdrawn else {
                throw RPCError(.failedPrecondition, "the seeker has withdrawn", violations: [Wire.FieldViolation(field: "seeker_id", description: "withdrawn")])
            }
            record.grid = grid!
            record.category = request.category
            record.skills = skills
            record.wishes = request.wishes
            record.phone = request.phone
            try SeekerStore.update(db, record)
            return record.message(policy: policy, fullIdentity: full)
        }
    }

    public func withdrawJobSeeker(_ request: Employment.WithdrawJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        var validation = Validation()
        let id = validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        validation.text(request.reason, field: "reason", maxLength: 200)
        try validation.finish()
        let full = Self.seesFullIdentity(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try SeekerStore.find(db, id: id!) else { throw Self.notFound("job seeker", field: "seeker_id", request.seekerId) }
            guard record.status == .waiting else {
                throw RPCError(.failedPrecondition, "only a waiting seeker can withdraw (this one is \(record.status))", violations: [Wire.FieldViolation(field: "seeker_id", description: "not waiting")])
            }
            try SeekerStore.withdraw(db, id: record.id, reason: request.reason)
            record.status = .withdrawn
            return record.message(policy: policy, fullIdentity: full)
        }
    }

    public func getJobSeeker(_ request: Employment.GetJobSeekerRequest, context: CallContext) async throws -> Employment.JobSeeker {
        var validation = Validation()
        validation.require(request.seekerId.isEmpty != request.idNumber.isEmpty, field: "seeker_id", "give either seeker_id or id_number")
        let id = request.seekerId.isEmpty ? nil : validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        let idNumber = request.idNumber.isEmpty ? nil : validation.residentID(request.idNumber, field: "id_number")
        try validation.finish()
        let record = try await database.read { db in
            if let id { return try SeekerStore.find(db, id: id) }
            return try SeekerStore.find(db, idNumber: idNumber!.rawValue)
        }
        guard let record else { throw Self.notFound("job seeker", field: request.seekerId.isEmpty ? "id_number" : "seeker_id", request.seekerId.isEmpty ? idNumber!.masked : request.seekerId) }
        context.logger.info("job seeker read", metadata: ["seeker": "\(EntityID.format("S", record.id))", "principal": "\(context.principal.id)", "purpose": "\(context.purpose ?? "")"])
        return record.message(policy: policy, fullIdentity: Self.seesFullIdentity(context.principal))
    }

    public func listJobSeekers(_ request: Employment.ListJobSeekersRequest, context: CallContext) async throws -> Employment.ListJobSeekersResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = request.gridCode.isEmpty ? nil : validation.grid(request.gridCode, field: "grid_code", in: community)
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let status = request.status == .unspecified ? nil : request.status
        var rows = try await database.read { db in
            try SeekerStore.list(db, community: community!, grid: grid, status: status, afterID: after, limit: page!.size + 1)
        }
        let next = page!.nextToken(&rows) { [String($0.id)] }
        let full = Self.seesFullIdentity(context.principal)
        return Employment.ListJobSeekersResponse(seekers: rows.map { $0.message(policy: policy, fullIdentity: full) }, nextPageToken: next)
    }
}
