import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("MatchVacancies and MatchSeekers through the handlers")
struct MatchingHandlerTests {
    static let a = EmploymentFixture.communityA
    static let b = EmploymentFixture.communityB

    @Test("MatchVacancies ranks from 1 with reasons; closed and public-welfare posts are left out for an ordinary seeker")
    func matchVacancies() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1, community: Self.a, category: .graduate, skills: ["cooking", "cleaning"])
        let half = try await fixture.postVacancy(community: Self.a, skills: ["cooking", "driving"], wage: 900_000)
        let best = try await fixture.postVacancy(community: Self.b, skills: ["cooking", "cleaning"], wage: 200_000)
        let welfare = try await fixture.postVacancy(kind: .publicWelfare, community: Self.a, skills: ["cleaning"])
        let closed = try await fixture.postVacancy(community: Self.a, skills: ["cooking", "cleaning"])
        _ = try await fixture.call("CloseVacancy", Employment.CloseVacancyRequest(vacancyId: closed.vacancyId), as: Employment.Vacancy.self)

        let response: Employment.MatchVacanciesResponse = try await fixture.call("MatchVacancies", Employment.MatchVacanciesRequest(seekerId: seeker.seekerId))
        #expect(response.matches.map { $0.vacancy?.vacancyId } == [best.vacancyId, half.vacancyId])
        #expect(response.matches.map(\.rank) == [1, 2])
        let reason = try #require(response.matches.first?.reason)
        #expect(reason.skillsMatched == 2 && reason.skillsRequired == 2)
        #expect(reason.distance == 1)
        #expect(!reason.hardshipPriority)
        #expect(reason.summary == "2/2 skills, same street")
        #expect(!response.matches.contains { $0.vacancy?.vacancyId == welfare.vacancyId })

        let one: Employment.MatchVacanciesResponse = try await fixture.call(
            "MatchVacancies", Employment.MatchVacanciesRequest(seekerId: seeker.seekerId, limit: 1))
        #expect(one.matches.count == 1)
        let tooMany = try #require(
            await refusal { () -> Employment.MatchVacanciesResponse in
                try await fixture.call("MatchVacancies", Employment.MatchVacanciesRequest(seekerId: seeker.seekerId, limit: 101))
            })
        #expect(tooMany.code == .invalidArgument)
        #expect(tooMany.fields == ["limit"])
    }

    @Test("MatchSeekers: hardship first at equal fit, only hardship for a public-welfare post, masked for non-staff")
    func matchSeekers() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let ordinary = try await fixture.register(1, category: .unemployed, skills: ["cleaning"])
        let hardship = try await fixture.register(2, category: .disabled, skills: ["cleaning"])
        let unskilled = try await fixture.register(3, category: .minimumLivingAllowance, skills: ["sewing"])
        let placedAway = try await fixture.register(4, category: .disabled, skills: ["cleaning"])
        for recognised in [hardship, unskilled, placedAway] { try await fixture.recognise(recognised.seekerId) }
        let elsewhere = try await fixture.postVacancy(positions: 1, skills: ["sewing"])
        _ = try await fixture.place(placedAway.seekerId, into: elsewhere.vacancyId)

        let post = try await fixture.postVacancy(kind: .communityService, skills: ["cleaning"])
        let ranked: Employment.MatchSeekersResponse = try await fixture.call("MatchSeekers", Employment.MatchSeekersRequest(vacancyId: post.vacancyId))
        #expect(ranked.matches.map { $0.seeker?.seekerId } == [hardship.seekerId, ordinary.seekerId, unskilled.seekerId])
        #expect(ranked.matches.map(\.rank) == [1, 2, 3])
        #expect(ranked.matches.first?.reason?.hardshipPriority == true)

        let welfare = try await fixture.postVacancy(kind: .publicWelfare, skills: ["cleaning"])
        let reserved: Employment.MatchSeekersResponse = try await fixture.call(
            "MatchSeekers", Employment.MatchSeekersRequest(vacancyId: welfare.vacancyId), roles: "")
        #expect(reserved.matches.map { $0.seeker?.seekerId } == [hardship.seekerId, unskilled.seekerId])
        #expect(reserved.matches.allSatisfy { $0.seeker?.hardship == true })
        #expect(reserved.matches.allSatisfy { $0.seeker?.idNumber.contains("********") == true })
        #expect(reserved.matches.allSatisfy { $0.seeker?.name == "张*" })
    }
}
