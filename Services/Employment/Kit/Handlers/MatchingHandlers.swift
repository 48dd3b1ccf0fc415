import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Matching: ranked vacancies for a seeker, ranked seekers for a vacancy, each with its reason.
extension EmploymentOffice {
    func limit(_ requested: UInt32, _ validation: inout Validation) -> Int {
        validation.require(requested <= UInt32(policy.maxMatchLimit), field: "limit", "at most \(policy.maxMatchLimit)")
        return requested == 0 ? policy.defaultMatchLimit : Int(requested)
    }

    public func matchVacancies(_ request: Employment.MatchVacanciesRequest, context: CallContext) async throws -> Employment.MatchVacanciesResponse {
        var validation = Validation()
        let parsed = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let count = limit(request.limit, &validation)
        try validation.finish()
        let id = try validation.unwrap(parsed, field: "seeker_id")
        let (seeker, vacancies) = try await database.read { db in
            (try SeekerStore.find(db, id: id.row), try VacancyStore.open(db, limit: 10_000))
        }
        guard let seeker else { throw RPCError.notFound(id, field: "seeker_id") }
        let ranked = Matching.rankVacancies(for: seeker, among: vacancies, limit: count, on: LocalDate(now()))
        return Employment.MatchVacanciesResponse(
            matches: ranked.enumerated().map { index, match in
                Employment.VacancyMatch(vacancy: match.candidate.message, rank: UInt32(index + 1), reason: match.assessment.message)
            })
    }

    public func matchSeekers(_ request: Employment.MatchSeekersRequest, context: CallContext) async throws -> Employment.MatchSeekersResponse {
        var validation = Validation()
        let parsed = validation.entityID(request.vacancyId, .vacancy, field: "vacancy_id")
        let count = limit(request.limit, &validation)
        try validation.finish()
        let id = try validation.unwrap(parsed, field: "vacancy_id")
        let (vacancy, candidates) = try await database.read { db -> (VacancyRecord?, [JobSeekerRecord]) in
            guard let vacancy = try VacancyStore.find(db, id: id.row) else { return (nil, []) }
            let seekers = try SeekerStore.candidates(
                db, skills: vacancy.requiredSkills, community: vacancy.community,
                hardshipOnly: vacancy.kind == .publicWelfare, limit: policy.maxMatchCandidates)
            return (vacancy, seekers)
        }
        guard let vacancy else { throw RPCError.notFound(id, field: "vacancy_id") }
        let full = SeekerVisibility(context.principal), today = LocalDate(now())
        let ranked = Matching.rankSeekers(for: vacancy, among: candidates, limit: count, on: today)
        return Employment.MatchSeekersResponse(
            matches: ranked.enumerated().map { index, match in
                Employment.SeekerMatch(
                    seeker: match.candidate.message(visibility: full, today: today, for: context), rank: UInt32(index + 1), reason: match.assessment.message
                )
            })
    }
}
