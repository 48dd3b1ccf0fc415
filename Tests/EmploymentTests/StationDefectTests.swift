import Domain
import EmploymentContract
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@testable import EmploymentKit

/// The defects of issue 11, as a station clerk meets them over a few months: each test was written
/// first, against the landed code, and failed there.
@Suite("Station defects (issue 11): re-registration, honest figures, recognised hardship, working age")
struct StationDefectTests {
    func status(_ fixture: EmploymentFixture) async throws -> Employment.CommunityStatus {
        try await fixture.call("GetCommunityStatus", Employment.CommunityStatusRequest(communityCode: EmploymentFixture.communityA))
    }

    func promises(_ fixture: EmploymentFixture) async throws -> Employment.ListPromisesResponse {
        try await fixture.call("ListPromises", Employment.ListPromisesRequest(communityCode: EmploymentFixture.communityA))
    }

    @Test("a placed seeker who loses the job registers again (再就业): a new spell, WAITING")
    func reRegisterAfterPlacement() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let vacancy = try await fixture.postVacancy()
        _ = try await fixture.place(seeker.seekerId, into: vacancy.vacancyId)
        fixture.clock.advance(hours: 24 * 90)
        let again = try await fixture.register(1)
        #expect(again.seekerId == seeker.seekerId)
        #expect(again.status == .waiting)
        #expect(try await fixture.count("seekers") == 1)
    }

    @Test("a withdrawn seeker who returns registers again")
    func reRegisterAfterWithdrawal() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(2)
        _ = try await fixture.withdraw(seeker.seekerId, .movedAway)
        let again = try await fixture.register(2)
        #expect(again.status == .waiting)
    }

    @Test("withdrawing a seeker whose promise is broken leaves the broken promise in the figures")
    func withdrawalKeepsBrokenPromise() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(3)
        fixture.clock.advance(hours: 50)
        #expect(try await status(fixture).promisesBroken == 1)
        _ = try await fixture.withdraw(seeker.seekerId, .noLongerSeeking)
        #expect(try await status(fixture).promisesBroken == 1)
        #expect(try await promises(fixture).brokenCount == 1)
    }

    @Test("withdrawing the long-waiting does not make a community unemployment-free")
    func withdrawalDoesNotGameUnemploymentFree() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(4, acceptsPromise: false)
        fixture.clock.advance(hours: 24 * 40)
        #expect(try await !status(fixture).unemploymentFree)
        _ = try await fixture.withdraw(seeker.seekerId, .noLongerSeeking)
        #expect(try await !status(fixture).unemploymentFree)
    }

    @Test("the promise is judged by the start date of the work, not the time the placement is typed in")
    func promiseJudgedByStartDate() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let vacancy = try await fixture.postVacancy(positions: 2)
        // registered 2026-11-18 15:46 Shanghai: the promise runs to 2026-11-20 15:46
        let early = try await fixture.register(5)
        let late = try await fixture.register(6)
        fixture.clock.advance(hours: 1)
        // typed in an hour after registering, but the work starts ten days later: broken
        #expect(try await !fixture.place(early.seekerId, into: vacancy.vacancyId, startDate: "2026-11-28").promiseKept)
        fixture.clock.advance(hours: 59)
        // typed in at 60 h, but the seeker started work on the second day: kept
        #expect(try await fixture.place(late.seekerId, into: vacancy.vacancyId, startDate: "2026-11-19").promiseKept)
    }

    @Test("a start date in 2099 or year 1 is INVALID_ARGUMENT naming start_date", arguments: ["2099-01-01", "0001-01-01", "2026-01-01"])
    func startDateBounds(date: String) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(7)
        let vacancy = try await fixture.postVacancy()
        let error = await refusal { try await fixture.place(seeker.seekerId, into: vacancy.vacancyId, startDate: date) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fields == ["start_date"])
    }

    @Test("a promise broken by less than an hour shows a negative number of hours")
    func brokenUnderAnHour() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        _ = try await fixture.register(8)
        fixture.clock.advance(hours: 48.5)
        let listed = try await promises(fixture)
        #expect(listed.broken.map(\.hoursLeft) == [-1])
    }

    @Test("hardship is not self-declared: a category changed by update does not open public-welfare posts")
    func hardshipNotSelfDeclared() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(9, category: .unemployed)
        let update = Employment.UpdateJobSeekerRequest(
            seekerId: seeker.seekerId, gridCode: seeker.gridCode, category: .minimumLivingAllowance, skills: ["cooking"], wishes: "", phone: "")
        let updated: Employment.JobSeeker = try await fixture.call("UpdateJobSeeker", update, roles: "clerk")
        #expect(!updated.hardship)
        let post = try await fixture.postVacancy(kind: .publicWelfare)
        let error = await refusal { try await fixture.place(seeker.seekerId, into: post.vacancyId) }
        #expect(error?.code == .failedPrecondition)
    }

    @Test("working age is checked from the ID number: 15 and 70 are refused, naming id_number", arguments: [(2011, 1), (1956, 1)])
    func workingAge(year: Int, month: Int) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var request = try fixture.registration(10)
        request.idNumber = try ResidentIdentityNumber.make(
            divisionCode: "330902", birthDate: try LocalDate(year: year, month: month, day: 3), sequence: 21, today: Residents.today
        ).rawValue
        let error = await refusal { try await fixture.call("RegisterJobSeeker", request, as: Employment.JobSeeker.self) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fields == ["id_number"])
    }

    @Test("a skill holding the separator or another control character is refused, not split in two", arguments: ["a\u{1F}b", "a\tb", "a\u{7}"])
    func skillWithSeparator(skill: String) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let error = await refusal { try await fixture.register(11, skills: [skill]) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fields == ["skills[0]"])
    }

    @Test("matching reads candidates hardship first, then longest wait: none drops out past the candidate bound")
    func matchingCandidateOrder() async throws {
        var policy = EmploymentPolicy()
        policy.maxMatchCandidates = 2
        let fixture = try await EmploymentFixture(policy: policy)
        defer { fixture.close() }
        for index in 20..<24 { _ = try await fixture.register(index, category: .unemployed) }
        fixture.clock.advance(hours: 1)
        let hardship = try await fixture.register(24, category: .minimumLivingAllowance)
        try await fixture.recognise(hardship.seekerId)
        let vacancy = try await fixture.postVacancy()
        let matches: Employment.MatchSeekersResponse = try await fixture.call(
            "MatchSeekers", Employment.MatchSeekersRequest(vacancyId: vacancy.vacancyId, limit: 5))
        #expect(matches.matches.first?.seeker?.seekerId == hardship.seekerId)
        #expect(matches.matches.count == 2)
    }
}
