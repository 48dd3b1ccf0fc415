import Domain

/// How well one seeker fits one vacancy, and why: the reason a clerk sees next to each rank.
public struct MatchAssessment: Sendable, Equatable {
    public let skillsMatched: Int
    public let skillsRequired: Int
    public let hardshipPriority: Bool
    public let distance: CommunityDistance

    public init(seeker: JobSeekerRecord, vacancy: VacancyRecord, on day: LocalDate) {
        let have = Set(seeker.skills)
        skillsMatched = vacancy.requiredSkills.filter { have.contains($0) }.count
        skillsRequired = vacancy.requiredSkills.count
        hardshipPriority = seeker.isHardship(on: day)
        distance = CommunityDistance(seeker.community, vacancy.community)
    }

    /// Skill fit compares as a fraction without rounding: a/b > c/d ⇔ a·d > c·b (no skills
    /// required counts as a full fit).
    public func fitsBetter(than other: MatchAssessment) -> Bool? {
        let lhs = (skillsRequired == 0 ? 1 : skillsMatched) * (other.skillsRequired == 0 ? 1 : other.skillsRequired)
        let rhs = (other.skillsRequired == 0 ? 1 : other.skillsMatched) * (skillsRequired == 0 ? 1 : skillsRequired)
        return lhs == rhs ? nil : lhs > rhs
    }

    public var summary: String {
        var parts = [skillsRequired == 0 ? "no skills required" : "\(skillsMatched)/\(skillsRequired) skills", distance.label]
        if hardshipPriority { parts.append("hardship priority") }
        return parts.joined(separator: ", ")
    }
}
