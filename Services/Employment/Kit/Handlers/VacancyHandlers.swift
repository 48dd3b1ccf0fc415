import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// Vacancies (岗位): post, update, close, get, list.
extension EmploymentOffice {
    public func postVacancy(_ request: Employment.PostVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        let posting = try await PostVacancy(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try Self.mirror(db, posting.community, name: posting.communityName)
            let record = VacancyRecord(
                id: 0, kind: posting.kind, title: posting.title, employer: posting.employer, community: posting.community,
                positions: posting.positions, filled: 0, requiredSkills: posting.requiredSkills, wage: posting.wage, location: posting.location,
                status: .open, postedAt: now())
            return try VacancyStore.insert(db, record)
        } render: { db, id in
            try Self.vacancy(db, id).message
        }
    }

    public func updateVacancy(_ request: Employment.UpdateVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        let update = try UpdateVacancy(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try VacancyStore.find(db, id: update.vacancy.row) else { throw RPCError.notFound(update.vacancy, field: "vacancy_id") }
            try record.checkUpdate(positions: update.positions)
            record.title = update.title
            record.positions = update.positions
            record.requiredSkills = update.requiredSkills
            record.wage = update.wage
            record.location = update.location
            record.status = record.filled >= record.positions ? .filled : .open
            try VacancyStore.update(db, record)
            return record.id
        } render: { db, id in
            try Self.vacancy(db, id).message
        }
    }

    public func closeVacancy(_ request: Employment.CloseVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        let closing = try CloseVacancy(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try VacancyStore.find(db, id: closing.vacancy.row) else { throw RPCError.notFound(closing.vacancy, field: "vacancy_id") }
            record.status = .closed
            try VacancyStore.update(db, record)
            return record.id
        } render: { db, id in
            try Self.vacancy(db, id).message
        }
    }

    public func getVacancy(_ request: Employment.GetVacancyRequest, context: CallContext) async throws -> Employment.Vacancy {
        var validation = Validation()
        let parsed = validation.entityID(request.vacancyId, .vacancy, field: "vacancy_id")
        try validation.finish()
        let id = try validation.unwrap(parsed, field: "vacancy_id")
        guard let record = try await database.read({ db in try VacancyStore.find(db, id: id.row) }) else {
            throw RPCError.notFound(id, field: "vacancy_id")
        }
        return record.message
    }

    public func listVacancies(_ request: Employment.ListVacanciesRequest, context: CallContext) async throws -> Employment.ListVacanciesResponse {
        var validation = Validation()
        let community = request.communityCode.isEmpty ? nil : validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let rows = try await database.read { db in
            try VacancyStore.list(
                db, community: community, status: request.status == .unspecified ? nil : request.status,
                kind: request.kind == .unspecified ? nil : request.kind, afterID: after, limit: pageRequest.fetchLimit)
        }
        let vacancies = pageRequest.page(of: rows, rowID: \.id).map(\.message)
        return Employment.ListVacanciesResponse(vacancies: vacancies.rows, nextPageToken: vacancies.nextToken)
    }

    /// The vacancy a write has just written or an idempotent replay refers to.
    static func vacancy(_ db: Database, _ id: Int64) throws -> VacancyRecord {
        guard let record = try VacancyStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.vacancy.id(id)) }
        return record
    }
}
