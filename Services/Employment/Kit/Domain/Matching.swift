import Domain

/// Ranking of vacancies for a seeker and of seekers for a vacancy.
///
/// Order: better skill fit first; at equal fit, hardship groups first (低保 members, the disabled
/// and released prisoners must be helped into work first), then nearer communities, then — for
/// seekers — whoever has waited longest, and for vacancies the better wage. Public-welfare posts
/// are only offered to hardship groups. Pure functions: unit-tested without a database.
public enum Matching {
    public struct Ranked<Candidate: Sendable>: Sendable {
        public let candidate: Candidate
        public let assessment: MatchAssessment
    }

    /// Whether `seeker` may take `vacancy` at all.
    /// Whether `seeker` may take `vacancy` at all on `day` (public-welfare posts need a
    /// recognition of employment difficulty that holds that day).
    public static func isEligible(_ seeker: JobSeekerRecord, for vacancy: VacancyRecord, on day: LocalDate) -> Bool {
        vacancy.kind != .publicWelfare || seeker.isHardship(on: day)
    }

    public static func rankVacancies(for seeker: JobSeekerRecord, among vacancies: [VacancyRecord], limit: Int, on day: LocalDate) -> [Ranked<VacancyRecord>] {
        let ranked =
            vacancies
            .filter { $0.isOpen && isEligible(seeker, for: $0, on: day) }
            .map { Ranked(candidate: $0, assessment: MatchAssessment(seeker: seeker, vacancy: $0, on: day)) }
            .sorted { a, b in
                if let better = a.assessment.fitsBetter(than: b.assessment) { return better }
                if a.assessment.distance != b.assessment.distance { return a.assessment.distance < b.assessment.distance }
                // a public-welfare post reserved for this hardship seeker comes before an ordinary one
                let aReserved = a.candidate.kind == .publicWelfare, bReserved = b.candidate.kind == .publicWelfare
                if aReserved != bReserved { return aReserved }
                if a.candidate.wage != b.candidate.wage { return a.candidate.wage > b.candidate.wage }
                return a.candidate.id < b.candidate.id
            }
        return Array(ranked.prefix(limit))
    }

    public static func rankSeekers(for vacancy: VacancyRecord, among seekers: [JobSeekerRecord], limit: Int, on day: LocalDate) -> [Ranked<JobSeekerRecord>] {
        let ranked =
            seekers
            .filter { $0.status == .waiting && isEligible($0, for: vacancy, on: day) }
            .map { Ranked(candidate: $0, assessment: MatchAssessment(seeker: $0, vacancy: vacancy, on: day)) }
            .sorted { a, b in
                if let better = a.assessment.fitsBetter(than: b.assessment) { return better }
                if a.assessment.hardshipPriority != b.assessment.hardshipPriority { return a.assessment.hardshipPriority }
                if a.assessment.distance != b.assessment.distance { return a.assessment.distance < b.assessment.distance }
                if a.candidate.registeredAt != b.candidate.registeredAt { return a.candidate.registeredAt < b.candidate.registeredAt }
                return a.candidate.id < b.candidate.id
            }
        return Array(ranked.prefix(limit))
    }
}
