import EmploymentContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// Vacancies (岗位): post, update, close, get, list.
extension EmploymentOffice {
    public func postVacancy(_ request: Employment.PostVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        var validation = Validation()
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.text(request.employer, field: "employer", maxLength: 100, required: true)
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require((1...10_000).contains(request.positions), field: "positions", "must be 1…10000 (got \(request.positions))")
        let skills = validation.tags(request.requiredSkills, field: "required_skills")
        let wage = validation.amount(request.wageFen, field: "wage_fen")
        validation.text(request.location, field: "location", maxLength: 200)
        try await Self.checkServed(community, field: "community_code", in: database, &validation)
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            _ = try Self.requireKnownCommunity(db, community!, field: "community_code")
            var record = VacancyRecord(
                id: 0, kind: request.kind, title: request.title, employer: request.employer, community: community!,
                positions: Int(request.positions), filled: 0, requiredSkills: skills, wage: wage!, location: request.location,
                status: .open, postedAt: now())
            record.id = try VacancyStore.insert(db, record)
            return record.message
        }
    }

    public func updateVacancy(_ request: Employment.UpdateVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        var validation = Validation()
        let id = validation.entityID(request.vacancyId, prefix: "V", field: "vacancy_id", what: "vacancy")
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.require((1...10_000).contains(request.positions), field: "positions", "must be 1…10000 (got \(request.positions))")
        let skills = validation.tags(request.requiredSkills, field: "required_skills")
        let wage = validation.amount(request.wageFen, field: "wage_fen")
        validation.text(request.location, field: "location", maxLength: 200)
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try VacancyStore.find(db, id: id!) else { throw Self.notFound("vacancy", field: "vacancy_id", request.vacancyId) }
            guard record.status != .closed else {
                throw RPCError(.failedPrecondition, "the vacancy is closed", violations: [Wire.FieldViolation(field: "vacancy_id", description: "closed")])
            }
            guard Int(request.positions) >= record.filled else {
                throw RPCError.invalidArgument(field: "positions", "\(record.filled) positions are already filled; cannot lower to \(request.positions)")
            }
            record.title = request.title
            record.positions = Int(request.positions)
            record.requiredSkills = skills
            record.wage = wage!
            record.location = request.location
            record.status = record.filled >= record.positions ? .filled : .open
            try VacancyStore.update(db, record)
            return record.message
        }
    }

    public func closeVacancy(_ request: Employment.CloseVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        var validation = Validation()
        let id = validation.entityID(request.vacancyId, prefix: "V", field: "vacancy_id", what: "vacancy")
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try VacancyStore.find(db, id: id!) else { throw Self.notFound("vacancy", field: "vacancy_id", request.vacancyId) }
            record.status = .closed
            try VacancyStore.update(db, record)
            return record.message
        }
    }

    public func getVacancy(_ request: Employment.GetVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        var validation = Validation()
        let id = validation.entityID(request.vacancyId, prefix: "V", field: "vacancy_id", what: "vacancy")
        try validation.finish()
        guard let record = try await database.read({ db in try VacancyStore.find(db, id: id!) }) else {
            throw Self.notFound("vacancy", field: "vacancy_id", request.vacancyId)
        }
        return record.message
    }

    public func listVacancies(_ request: Employment.ListVacanciesRequest, context: CallContext) async throws -> Employment.ListVacanciesResponse {
        var validation = Validation()
        let community = request.communityCode.isEmpty ? nil : validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        var rows = try await database.read { db in
            try VacancyStore.list(db, community: community, status: request.status == .unspecified ? nil : request.status,
                                  kind: request.kind == .unspecified ? nil : request.kind, afterID: after, limit: page!.size + 1)
        }
        let next = page!.nextToken(&rows) { [String($0.id)] }
        return Employment.ListVacanciesResponse(vacancies: rows.map(\.message), nextPageToken: next)
    }
}
