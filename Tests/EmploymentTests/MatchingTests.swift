import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import Testing

@Suite("Matching: the order of vacancies for a seeker and of seekers for a vacancy")
struct MatchingTests {
    let home = "330902001001"  // the seeker's community
    let sameStreet = "330902001002"  // same street (3309020010xx)
    let sameDistrict = "330902002001"  // another street of the same district
    let farther = "330903001001"  // another district

    // MARK: Community distance

    @Test("CommunityDistance: same community < same street < same district < farther")
    func distance() throws {
        let a = try CommunityCode(home)
        #expect(CommunityDistance(a, a) == .sameCommunity)
        #expect(CommunityDistance(a, try CommunityCode(sameStreet)) == .sameStreet)
        #expect(CommunityDistance(a, try CommunityCode(sameDistrict)) == .sameDistrict)
        #expect(CommunityDistance(a, try CommunityCode(farther)) == .farther)
        #expect(CommunityDistance.sameCommunity < .sameStreet)
        #expect(CommunityDistance.sameStreet < .sameDistrict)
        #expect(CommunityDistance.sameDistrict < .farther)
    }

    // MARK: Vacancies for a seeker

    @Test("vacancies: better skill fit first, whatever the distance or wage")
    func vacanciesBySkillFit() throws {
        let seeker = try Residents.seeker(skills: ["cooking", "cleaning"])
        let vacancies = [
            try Residents.vacancy(id: 1, community: home, requiredSkills: ["driving", "cooking"], wage: 900_000),  // 1/2
            try Residents.vacancy(id: 2, community: farther, requiredSkills: ["cooking", "cleaning"], wage: 100_000),  // 2/2
            try Residents.vacancy(id: 3, community: home, requiredSkills: ["driving"], wage: 900_000),  // 0/1
            try Residents.vacancy(id: 4, community: home, requiredSkills: ["cooking", "driving", "plumbing"], wage: 900_000),  // 1/3
        ]
        let ranked = Matching.rankVacancies(for: seeker, among: vacancies, limit: 10, on: Residents.today)
        #expect(ranked.map(\.candidate.id) == [2, 1, 4, 3])
        #expect(ranked.map(\.assessment.skillsMatched) == [2, 1, 1, 0])
        #expect(ranked.map(\.assessment.skillsRequired) == [2, 2, 3, 1])
    }

    @Test("vacancies: no skills required is a full fit (as good as 2/2, better than 1/2)")
    func noSkillsRequiredIsFullFit() throws {
        let seeker = try Residents.seeker(skills: ["cooking"])
        let none = try Residents.vacancy(id: 1, community: home, requiredSkills: [])
        let full = try Residents.vacancy(id: 2, community: home, requiredSkills: ["cooking"])
        let half = try Residents.vacancy(id: 3, community: home, requiredSkills: ["cooking", "driving"])
        let a = MatchAssessment(seeker: seeker, vacancy: none, on: Residents.today)
        let b = MatchAssessment(seeker: seeker, vacancy: full, on: Residents.today)
        let c = MatchAssessment(seeker: seeker, vacancy: half, on: Residents.today)
        #expect(a.fitsBetter(than: b) == nil)
        #expect(a.fitsBetter(than: c) == true)
        #expect(c.fitsBetter(than: a) == false)
        // 2/3 vs 1/2 compares exactly as fractions (no rounding): 2/3 is better
        let twoOfThree = MatchAssessment(
            seeker: try Residents.seeker(skills: ["a", "b"]), vacancy: try Residents.vacancy(requiredSkills: ["a", "b", "c"]), on: Residents.today)
        let oneOfTwo = MatchAssessment(
            seeker: try Residents.seeker(skills: ["a"]), vacancy: try Residents.vacancy(requiredSkills: ["a", "b"]), on: Residents.today)
        #expect(twoOfThree.fitsBetter(than: oneOfTwo) == true)
        #expect(oneOfTwo.fitsBetter(than: twoOfThree) == false)
    }

    @Test("vacancies: at equal fit the nearer community first, then the higher wage")
    func vacanciesByDistanceThenWage() throws {
        let seeker = try Residents.seeker(community: home, skills: ["cooking"])
        let vacancies = [
            try Residents.vacancy(id: 1, community: farther, requiredSkills: ["cooking"], wage: 900_000),
            try Residents.vacancy(id: 2, community: sameDistrict, requiredSkills: ["cooking"], wage: 800_000),
            try Residents.vacancy(id: 3, community: sameStreet, requiredSkills: ["cooking"], wage: 700_000),
            try Residents.vacancy(id: 4, community: home, requiredSkills: ["cooking"], wage: 300_000),
            try Residents.vacancy(id: 5, community: home, requiredSkills: ["cooking"], wage: 500_000),
        ]
        let ranked = Matching.rankVacancies(for: seeker, among: vacancies, limit: 10, on: Residents.today)
        #expect(ranked.map(\.candidate.id) == [5, 4, 3, 2, 1])
        #expect(ranked.map(\.assessment.distance) == [.sameCommunity, .sameCommunity, .sameStreet, .sameDistrict, .farther])
    }

    @Test(
        "vacancies: public-welfare posts are never offered to a non-hardship seeker",
        arguments: [Employment.SeekerCategory.laidOff, .unemployed, .graduate, .migrantWorker, .other])
    func publicWelfareHiddenFromOthers(category: Employment.SeekerCategory) throws {
        let seeker = try Residents.seeker(category: category, skills: ["cleaning"])
        let vacancies = [
            try Residents.vacancy(id: 1, kind: .publicWelfare, requiredSkills: ["cleaning"]),
            try Residents.vacancy(id: 2, kind: .communityService, requiredSkills: ["cleaning"]),
        ]
        #expect(!Matching.isEligible(seeker, for: vacancies[0], on: Residents.today))
        #expect(Matching.rankVacancies(for: seeker, among: vacancies, limit: 10, on: Residents.today).map(\.candidate.id) == [2])
    }

    @Test(
        "vacancies: a hardship seeker is offered public-welfare posts, ahead of an ordinary post of equal fit and distance",
        arguments: [Employment.SeekerCategory.minimumLivingAllowance, .disabled, .releasedPrisoner])
    func publicWelfareForHardship(category: Employment.SeekerCategory) throws {
        let seeker = try Residents.seeker(category: category, skills: ["cleaning"])
        #expect(seeker.isHardship(on: Residents.today))
        let vacancies = [
            try Residents.vacancy(id: 1, kind: .enterprise, requiredSkills: ["cleaning"], wage: 900_000),
            try Residents.vacancy(id: 2, kind: .publicWelfare, requiredSkills: ["cleaning"], wage: 200_000),
        ]
        let ranked = Matching.rankVacancies(for: seeker, among: vacancies, limit: 10, on: Residents.today)
        #expect(ranked.map(\.candidate.id) == [2, 1])
        #expect(ranked.allSatisfy { $0.assessment.hardshipPriority })
    }

    @Test("vacancies: closed, filled and full vacancies are excluded")
    func vacanciesExcludeClosedAndFilled() throws {
        let seeker = try Residents.seeker(skills: ["cooking"])
        let vacancies = [
            try Residents.vacancy(id: 1, requiredSkills: ["cooking"], status: .closed),
            try Residents.vacancy(id: 2, requiredSkills: ["cooking"], status: .filled),
            try Residents.vacancy(id: 3, positions: 2, filled: 2, requiredSkills: ["cooking"], status: .open),
            try Residents.vacancy(id: 4, positions: 2, filled: 1, requiredSkills: ["cooking"], status: .open),
        ]
        #expect(Matching.rankVacancies(for: seeker, among: vacancies, limit: 10, on: Residents.today).map(\.candidate.id) == [4])
    }

    @Test("vacancies: the limit is respected and keeps the best", arguments: [0, 1, 3, 10])
    func vacancyLimit(limit: Int) throws {
        let seeker = try Residents.seeker(skills: ["cooking"])
        let vacancies = try (1...6).map { try Residents.vacancy(id: Int64($0), requiredSkills: ["cooking"], wage: Int64($0) * 10_000) }
        let ranked = Matching.rankVacancies(for: seeker, among: vacancies, limit: limit, on: Residents.today)
        #expect(ranked.count == min(limit, 6))
        let best: [Int64] = [6, 5, 4, 3, 2, 1]
        #expect(ranked.map(\.candidate.id) == Array(best.prefix(limit)))
    }

    // MARK: Seekers for a vacancy

    @Test("seekers: better skill fit first, even over hardship, distance and waiting time")
    func seekersBySkillFit() throws {
        let vacancy = try Residents.vacancy(community: home, requiredSkills: ["cooking", "cleaning"])
        let seekers = [
            try Residents.seeker(
                id: 1, community: home, category: .minimumLivingAllowance, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 1_000)),
            try Residents.seeker(
                id: 2, community: farther, category: .graduate, skills: ["cooking", "cleaning"], registeredAt: Date(timeIntervalSince1970: 9_000)),
            try Residents.seeker(id: 3, community: home, category: .disabled, skills: [], registeredAt: Date(timeIntervalSince1970: 500)),
        ]
        let ranked = Matching.rankSeekers(for: vacancy, among: seekers, limit: 10, on: Residents.today)
        #expect(ranked.map(\.candidate.id) == [2, 1, 3])
    }

    @Test("seekers: at equal fit hardship groups (低保, disabled, released prisoners) before others, even when farther or newer")
    func seekersHardshipFirst() throws {
        let vacancy = try Residents.vacancy(community: home, requiredSkills: ["cooking"])
        let seekers = [
            try Residents.seeker(id: 1, community: home, category: .laidOff, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 1_000)),
            try Residents.seeker(
                id: 2, community: farther, category: .minimumLivingAllowance, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 9_000)),
            try Residents.seeker(id: 3, community: home, category: .unemployed, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 2_000)),
            try Residents.seeker(id: 4, community: sameDistrict, category: .disabled, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 8_000)),
            try Residents.seeker(
                id: 5, community: sameStreet, category: .releasedPrisoner, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 7_000)),
        ]
        let ranked = Matching.rankSeekers(for: vacancy, among: seekers, limit: 10, on: Residents.today)
        // hardship by distance (street, district, farther), then the others by waiting time
        #expect(ranked.map(\.candidate.id) == [5, 4, 2, 1, 3])
        #expect(ranked.map(\.assessment.hardshipPriority) == [true, true, true, false, false])
    }

    @Test("seekers: at equal fit and hardship the nearer community first, then whoever has waited longest")
    func seekersByDistanceThenWaiting() throws {
        let vacancy = try Residents.vacancy(community: home, requiredSkills: ["cooking"])
        let seekers = [
            try Residents.seeker(id: 1, community: farther, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 100)),
            try Residents.seeker(id: 2, community: home, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 5_000)),
            try Residents.seeker(id: 3, community: sameStreet, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 200)),
            try Residents.seeker(id: 4, community: home, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 3_000)),
            try Residents.seeker(id: 5, community: sameDistrict, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 300)),
        ]
        let ranked = Matching.rankSeekers(for: vacancy, among: seekers, limit: 10, on: Residents.today)
        #expect(ranked.map(\.candidate.id) == [4, 2, 3, 5, 1])
    }

    @Test("seekers: non-hardship seekers are never ranked for a public-welfare post")
    func seekersForPublicWelfare() throws {
        let vacancy = try Residents.vacancy(kind: .publicWelfare, community: home, requiredSkills: ["cleaning"])
        let seekers = [
            try Residents.seeker(id: 1, category: .unemployed, skills: ["cleaning"]),
            try Residents.seeker(id: 2, category: .disabled, skills: []),
            try Residents.seeker(id: 3, category: .graduate, skills: ["cleaning"]),
            try Residents.seeker(id: 4, category: .minimumLivingAllowance, skills: ["cleaning"]),
            try Residents.seeker(id: 5, category: .releasedPrisoner, skills: ["cleaning"]),
        ]
        let ranked = Matching.rankSeekers(for: vacancy, among: seekers, limit: 10, on: Residents.today)
        #expect(ranked.map(\.candidate.id) == [4, 5, 2])
        #expect(ranked.allSatisfy { $0.candidate.isHardship(on: Residents.today) })
    }

    @Test("seekers: only waiting seekers are ranked; the limit is respected")
    func seekersWaitingOnlyAndLimit() throws {
        let vacancy = try Residents.vacancy(requiredSkills: ["cooking"])
        let seekers = [
            try Residents.seeker(id: 1, skills: ["cooking"], status: .placed, registeredAt: Date(timeIntervalSince1970: 1)),
            try Residents.seeker(id: 2, skills: ["cooking"], status: .withdrawn, registeredAt: Date(timeIntervalSince1970: 2)),
            try Residents.seeker(id: 3, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 30)),
            try Residents.seeker(id: 4, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 10)),
            try Residents.seeker(id: 5, skills: ["cooking"], registeredAt: Date(timeIntervalSince1970: 20)),
        ]
        #expect(Matching.rankSeekers(for: vacancy, among: seekers, limit: 10, on: Residents.today).map(\.candidate.id) == [4, 5, 3])
        #expect(Matching.rankSeekers(for: vacancy, among: seekers, limit: 2, on: Residents.today).map(\.candidate.id) == [4, 5])
        #expect(Matching.rankSeekers(for: vacancy, among: seekers, limit: 0, on: Residents.today).isEmpty)
    }

    @Test("ranking is independent of the input order")
    func orderIndependent() throws {
        let vacancy = try Residents.vacancy(community: home, requiredSkills: ["cooking", "cleaning"])
        let places = [home, sameStreet, sameDistrict, farther]
        var seekers: [JobSeekerRecord] = []
        for i in 1...12 {
            let category: Employment.SeekerCategory = i % 3 == 0 ? .disabled : .unemployed
            let skills: [String] = i % 2 == 0 ? ["cooking"] : ["cooking", "cleaning"]
            let registeredAt = Date(timeIntervalSince1970: Double(1_000 * (i % 5)))
            seekers.append(try Residents.seeker(id: Int64(i), community: places[i % 4], category: category, skills: skills, registeredAt: registeredAt))
        }
        let expected = Matching.rankSeekers(for: vacancy, among: seekers, limit: 20, on: Residents.today).map(\.candidate.id)
        #expect(Matching.rankSeekers(for: vacancy, among: seekers.reversed(), limit: 20, on: Residents.today).map(\.candidate.id) == expected)
        #expect(Matching.rankSeekers(for: vacancy, among: seekers.shuffled(), limit: 20, on: Residents.today).map(\.candidate.id) == expected)
    }

    // MARK: The reason a clerk sees

    @Test("MatchAssessment summary reads skills, distance and hardship priority")
    func summary() throws {
        let hardship = try Residents.seeker(community: home, category: .minimumLivingAllowance, skills: ["a", "b"])
        let ordinary = try Residents.seeker(community: home, category: .graduate, skills: ["a"])
        #expect(
            MatchAssessment(seeker: hardship, vacancy: try Residents.vacancy(community: sameStreet, requiredSkills: ["a", "b", "c"]), on: Residents.today)
                .summary
                == "2/3 skills, same street, hardship priority")
        #expect(
            MatchAssessment(seeker: ordinary, vacancy: try Residents.vacancy(community: home, requiredSkills: []), on: Residents.today).summary
                == "no skills required, same community")
        #expect(
            MatchAssessment(seeker: ordinary, vacancy: try Residents.vacancy(community: sameDistrict, requiredSkills: ["x"]), on: Residents.today).summary
                == "0/1 skills, same district")
        #expect(
            MatchAssessment(seeker: ordinary, vacancy: try Residents.vacancy(community: farther, requiredSkills: ["a"]), on: Residents.today).summary
                == "1/1 skills, other district")
    }
}
