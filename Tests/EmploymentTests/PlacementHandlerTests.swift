import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("Vacancies and placement (上岗): rules, the 48-hour promise, over-fill under concurrency, community status")
struct PlacementHandlerTests {
    static let a = EmploymentFixture.communityA
    static let b = EmploymentFixture.communityB

    // MARK: Vacancies

    @Test("post a vacancy: OPEN, nothing filled, as posted")
    func postVacancy() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let vacancy = try await fixture.postVacancy(kind: .communityService, positions: 3, skills: ["Cleaning", "elderly-care"], wage: 280_000)
        #expect(vacancy.vacancyId.hasPrefix("V"))
        #expect(vacancy.status == .open)
        #expect(vacancy.positions == 3)
        #expect(vacancy.filled == 0)
        #expect(vacancy.requiredSkills == ["cleaning", "elderly-care"])
        #expect(vacancy.wageFen == 280_000)
        #expect(vacancy.postedAtMs == UInt64((fixture.clock.now.timeIntervalSince1970 * 1000).rounded()))
        #expect(try await fixture.vacancy(vacancy.vacancyId) == vacancy)
        #expect(try await fixture.count("vacancies") == 1)
    }

    @Test(
        "bad vacancies are INVALID_ARGUMENT naming the field; nothing is written",
        arguments: [
            (
                "wage_fen",
                Employment.PostVacancyRequest(
                    kind: .enterprise, title: "厨师", employer: "饭店", communityCode: EmploymentFixture.communityA, positions: 1, wageFen: -1)
            ),
            (
                "wage_fen",
                Employment.PostVacancyRequest(
                    kind: .enterprise, title: "厨师", employer: "饭店", communityCode: EmploymentFixture.communityA, positions: 1, wageFen: -350_000)
            ),
            (
                "community_code",
                Employment.PostVacancyRequest(kind: .enterprise, title: "厨师", employer: "饭店", communityCode: "330902001009", positions: 1, wageFen: 1)
            ),
            (
                "positions",
                Employment.PostVacancyRequest(
                    kind: .enterprise, title: "厨师", employer: "饭店", communityCode: EmploymentFixture.communityA, positions: 0, wageFen: 1)
            ),
            (
                "kind",
                Employment.PostVacancyRequest(
                    kind: .unspecified, title: "厨师", employer: "饭店", communityCode: EmploymentFixture.communityA, positions: 1, wageFen: 1)
            ),
            (
                "title",
                Employment.PostVacancyRequest(
                    kind: .enterprise, title: "", employer: "饭店", communityCode: EmploymentFixture.communityA, positions: 1, wageFen: 1)
            ),
        ])
    func badVacancy(field: String, request: Employment.PostVacancyRequest) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let error = try #require(await refusal { () -> Employment.Vacancy in try await fixture.call("PostVacancy", request) })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == [field], "\(error)")
        #expect(try await fixture.count("vacancies") == 0)
    }

    // MARK: Employment.Placement

    @Test("placement: the seeker is PLACED, the vacancy counts it, and FILLED when full; promise kept when the work starts by the deadline's day")
    func happyPath() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let early = try await fixture.register(1)
        let late = try await fixture.register(2)
        let vacancy = try await fixture.postVacancy(positions: 2)

        fixture.clock.advance(hours: 47)
        let first = try await fixture.place(early.seekerId, into: vacancy.vacancyId, startDate: "2026-11-20")
        #expect(first.placementId.hasPrefix("P"))
        #expect(first.seekerId == early.seekerId && first.vacancyId == vacancy.vacancyId)
        #expect(first.startDate == "2026-11-20")
        #expect(first.promiseKept)
        #expect(first.placedAtMs == UInt64((fixture.clock.now.timeIntervalSince1970 * 1000).rounded()))
        let placed = try await fixture.seeker(early.seekerId)
        #expect(placed.status == .placed)
        #expect(placed.placedVacancyId == vacancy.vacancyId)
        #expect(placed.placedAtMs == first.placedAtMs)
        let half = try await fixture.vacancy(vacancy.vacancyId)
        #expect(half.filled == 1)
        #expect(half.status == .open)

        fixture.clock.advance(hours: 2)  // 49 h after registration; the work starts the day after the deadline
        let second = try await fixture.place(late.seekerId, into: vacancy.vacancyId, startDate: "2026-11-21")
        #expect(!second.promiseKept)
        let full = try await fixture.vacancy(vacancy.vacancyId)
        #expect(full.filled == 2)
        #expect(full.status == .filled)
        #expect(try await fixture.count("placements") == 2)
        #expect(try await fixture.count("placements", where: "promise_kept = 1") == 1)
    }

    @Test("a seeker who declined the promise is placed with promise_kept false")
    func placementWithoutPromise() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1, acceptsPromise: false)
        let vacancy = try await fixture.postVacancy()
        fixture.clock.advance(hours: 1)
        #expect(!(try await fixture.place(seeker.seekerId, into: vacancy.vacancyId).promiseKept))
    }

    @Test("the promise hours are the office's policy: with 24 h, a placement at 25 h does not keep it")
    func configuredPromiseHours() async throws {
        var policy = EmploymentPolicy()
        policy.promiseHours = 24
        let fixture = try await EmploymentFixture(policy: policy)
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        #expect(seeker.promiseDeadlineMs == seeker.registeredAtMs + 24 * 3_600_000)
        let vacancy = try await fixture.postVacancy()
        fixture.clock.advance(hours: 25)
        #expect(!(try await fixture.place(seeker.seekerId, into: vacancy.vacancyId).promiseKept))
        let promises: Employment.ListPromisesResponse = try await fixture.call("ListPromises", Employment.ListPromisesRequest(communityCode: Self.a))
        #expect(promises.brokenCount == 1 && promises.kept == 0)
    }

    /// Checks that a refused placement wrote nothing: seeker still waiting, vacancy unchanged.
    func expectNothingWritten(_ fixture: EmploymentFixture, seeker: String, vacancy: Employment.Vacancy) async throws {
        #expect(try await fixture.count("placements") == 0)
        #expect(try await fixture.seeker(seeker).status == .waiting)
        #expect(try await fixture.vacancy(vacancy.vacancyId) == vacancy)
    }

    @Test("placing into a closed vacancy is FAILED_PRECONDITION naming vacancy_id; nothing written")
    func closedVacancy() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let posted = try await fixture.postVacancy(positions: 5)
        let closed: Employment.Vacancy = try await fixture.call("CloseVacancy", Employment.CloseVacancyRequest(vacancyId: posted.vacancyId))
        #expect(closed.status == .closed)
        let error = try #require(await refusal { try await fixture.place(seeker.seekerId, into: posted.vacancyId) })
        #expect(error.code == .failedPrecondition)
        #expect(error.fields == ["vacancy_id"], "\(error)")
        try await expectNothingWritten(fixture, seeker: seeker.seekerId, vacancy: closed)
    }

    @Test("placing into a filled vacancy is FAILED_PRECONDITION naming vacancy_id")
    func filledVacancy() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let one = try await fixture.register(1)
        let two = try await fixture.register(2)
        let posted = try await fixture.postVacancy(positions: 1)
        _ = try await fixture.place(one.seekerId, into: posted.vacancyId)
        let error = try #require(await refusal { try await fixture.place(two.seekerId, into: posted.vacancyId) })
        #expect(error.code == .failedPrecondition)
        #expect(error.fields == ["vacancy_id"])
        #expect(try await fixture.seeker(two.seekerId).status == .waiting)
        #expect(try await fixture.vacancy(posted.vacancyId).filled == 1)
    }

    @Test(
        "a public-welfare post for a non-hardship seeker is FAILED_PRECONDITION naming seeker_id",
        arguments: [Employment.SeekerCategory.laidOff, .unemployed, .graduate, .migrantWorker, .other])
    func publicWelfareRefused(category: Employment.SeekerCategory) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1, category: category)
        let post = try await fixture.postVacancy(kind: .publicWelfare, positions: 2)
        let error = try #require(await refusal { try await fixture.place(seeker.seekerId, into: post.vacancyId) })
        #expect(error.code == .failedPrecondition)
        #expect(error.fields == ["seeker_id"], "\(error)")
        try await expectNothingWritten(fixture, seeker: seeker.seekerId, vacancy: post)
    }

    @Test(
        "a public-welfare post is accepted for a seeker recognised with employment difficulty, whatever the category",
        arguments: [
            (Employment.SeekerCategory.minimumLivingAllowance, Employment.HardshipGround.minimumLivingAllowance), (.disabled, .disabled),
            (.releasedPrisoner, .releasedPrisoner), (.laidOff, .age4050), (.unemployed, .longTermUnemployed),
        ])
    func publicWelfareAccepted(category: Employment.SeekerCategory, ground: Employment.HardshipGround) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1, category: category)
        try await fixture.recognise(seeker.seekerId, ground: ground)
        let post = try await fixture.postVacancy(kind: .publicWelfare, positions: 2)
        let placement = try await fixture.place(seeker.seekerId, into: post.vacancyId)
        #expect(placement.promiseKept)
        #expect(try await fixture.seeker(seeker.seekerId).status == .placed)
        #expect(try await fixture.vacancy(post.vacancyId).filled == 1)
    }

    @Test("an already placed or withdrawn seeker cannot be placed: FAILED_PRECONDITION naming seeker_id")
    func seekerNotWaiting() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let placed = try await fixture.register(1)
        let gone = try await fixture.register(2)
        let first = try await fixture.postVacancy(positions: 3)
        let second = try await fixture.postVacancy(positions: 3)
        _ = try await fixture.place(placed.seekerId, into: first.vacancyId)
        let again = try #require(await refusal { try await fixture.place(placed.seekerId, into: second.vacancyId) })
        #expect(again.code == .failedPrecondition)
        #expect(again.fields == ["seeker_id"])
        #expect(try await fixture.vacancy(second.vacancyId).filled == 0)
        #expect(try await fixture.seeker(placed.seekerId).placedVacancyId == first.vacancyId)

        _ = try await fixture.call(
            "WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: gone.seekerId, reason: .movedAway), as: Employment.JobSeeker.self)
        let withdrawn = try #require(await refusal { try await fixture.place(gone.seekerId, into: second.vacancyId) })
        #expect(withdrawn.code == .failedPrecondition)
        #expect(withdrawn.fields == ["seeker_id"])
        #expect(try await fixture.count("placements") == 1)
    }

    @Test("placement input errors: unknown ids are NOT_FOUND, a bad start date INVALID_ARGUMENT")
    func placementInputErrors() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let vacancy = try await fixture.postVacancy()
        let noVacancy = try #require(await refusal { try await fixture.place(seeker.seekerId, into: "V999") })
        #expect(noVacancy.code == .notFound)
        #expect(noVacancy.fields == ["vacancy_id"])
        let noSeeker = try #require(await refusal { try await fixture.place("S999", into: vacancy.vacancyId) })
        #expect(noSeeker.code == .notFound)
        #expect(noSeeker.fields == ["seeker_id"])
        let badDate = try #require(await refusal { try await fixture.place(seeker.seekerId, into: vacancy.vacancyId, startDate: "2026-02-30") })
        #expect(badDate.code == .invalidArgument)
        #expect(badDate.fields == ["start_date"])
        try await expectNothingWritten(fixture, seeker: seeker.seekerId, vacancy: vacancy)
    }

    @Test("over-fill under concurrency: 20 seekers placed at once into 3 positions → exactly 3 succeed")
    func overFillUnderConcurrency() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var seekers: [String] = []
        for i in 0..<20 { seekers.append(try await fixture.register(300 + i).seekerId) }
        let vacancy = try await fixture.postVacancy(positions: 3)
        let outcomes = try await withThrowingTaskGroup(of: (String, RPCError?).self) { group in
            for seeker in seekers {
                group.addTask {
                    let error = await refusal { try await fixture.place(seeker, into: vacancy.vacancyId) }
                    return (seeker, error)
                }
            }
            var all: [(String, RPCError?)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let succeeded = outcomes.filter { $0.1 == nil }.map(\.0)
        let refused = outcomes.compactMap(\.1)
        #expect(succeeded.count == 3)
        #expect(refused.count == 17)
        #expect(refused.allSatisfy { $0.code == .failedPrecondition && $0.fields == ["vacancy_id"] }, "\(refused.filter { $0.code != .failedPrecondition })")

        let stored = try await fixture.vacancy(vacancy.vacancyId)
        #expect(stored.filled == 3)
        #expect(stored.status == .filled)
        #expect(try await fixture.count("placements") == 3)
        #expect(try await fixture.count("seekers", where: "status = \(Employment.SeekerStatus.placed.rawValue)") == 3)
        let placedIDs = try await fixture.database.read { db in
            try Int64.fetchAll(db, sql: "SELECT seeker_id FROM placements ORDER BY seeker_id")
        }
        #expect(placedIDs.map { "S\($0)" }.sorted() == succeeded.sorted())
    }

    @Test("one seeker placed concurrently into several vacancies is placed once")
    func oneSeekerManyVacancies() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        var vacancies: [String] = []
        for _ in 0..<8 { vacancies.append(try await fixture.postVacancy(positions: 2).vacancyId) }
        let errors = await withTaskGroup(of: RPCError?.self) { group in
            for vacancy in vacancies {
                group.addTask { await refusal { try await fixture.place(seeker.seekerId, into: vacancy) } }
            }
            var all: [RPCError?] = []
            for await error in group { all.append(error) }
            return all
        }
        #expect(errors.filter { $0 == nil }.count == 1)
        #expect(errors.compactMap { $0 }.allSatisfy { $0.code == .failedPrecondition && $0.fields == ["seeker_id"] })
        #expect(try await fixture.count("placements") == 1)
        #expect(try await fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT SUM(filled) FROM vacancies") } == 1)
    }

    // MARK: ListPromises

    func promises(_ fixture: EmploymentFixture, atRiskHours: UInt32 = 0, community: String = EmploymentFixture.communityA) async throws
        -> Employment.ListPromisesResponse
    {
        try await fixture.call("ListPromises", Employment.ListPromisesRequest(communityCode: community, atRiskHours: atRiskHours))
    }

    @Test("ListPromises: at-risk, broken and kept as the clock advances")
    func listPromises() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let empty = try await promises(fixture)
        #expect(empty.kept == 0 && empty.brokenCount == 0 && empty.pending == 0)
        #expect(empty.keptPerMille == 1000)

        let s1 = try await fixture.register(1)
        let s2 = try await fixture.register(2)
        _ = try await fixture.register(3, acceptsPromise: false)
        _ = try await fixture.register(4, community: Self.b)  // another community
        let vacancy = try await fixture.postVacancy(positions: 10)

        let start = try await promises(fixture)
        #expect(start.pending == 2)
        #expect(start.atRisk.isEmpty && start.broken.isEmpty)

        fixture.clock.advance(hours: 40)  // 8 h left for s1 and s2
        _ = try await fixture.place(s2.seekerId, into: vacancy.vacancyId)
        let s5 = try await fixture.register(5)  // a fresh promise: 48 h left
        let at40 = try await promises(fixture)
        #expect(at40.atRisk.map { $0.seeker?.seekerId } == [s1.seekerId])
        #expect(at40.atRisk.first?.hoursLeft == 8)
        #expect(at40.broken.isEmpty)
        #expect(at40.kept == 1)
        #expect(at40.brokenCount == 0)
        #expect(at40.pending == 2)  // s1 (at risk) and s5
        #expect(at40.keptPerMille == 1000)
        // a narrower margin: 8 h left is not at risk under 6 h
        #expect(try await promises(fixture, atRiskHours: 6).atRisk.isEmpty)

        fixture.clock.advance(hours: 10)  // 50 h: s1 is 2 h late, s5 has 38 h left
        let at50 = try await promises(fixture)
        #expect(at50.atRisk.isEmpty)
        #expect(at50.broken.map { $0.seeker?.seekerId } == [s1.seekerId])
        #expect(at50.broken.first?.hoursLeft == -2)
        #expect(at50.kept == 1)
        #expect(at50.brokenCount == 1)
        #expect(at50.pending == 1)
        #expect(at50.keptPerMille == 500)

        // placing s1 with work starting after the deadline keeps the promise broken (no longer listed as waiting)
        let late = try await fixture.place(s1.seekerId, into: vacancy.vacancyId, startDate: "2026-11-21")
        #expect(!late.promiseKept)
        let afterLate = try await promises(fixture)
        #expect(afterLate.broken.isEmpty)
        #expect(afterLate.brokenCount == 1)
        #expect(afterLate.kept == 1)
        #expect(afterLate.pending == 1)

        fixture.clock.advance(hours: 40)  // 90 h: s5 (deadline at 88 h) is broken too
        let at90 = try await promises(fixture)
        #expect(at90.broken.map { $0.seeker?.seekerId } == [s5.seekerId])
        #expect(at90.brokenCount == 2)
        #expect(at90.pending == 0)
        #expect(at90.keptPerMille == 333)

        let other = try await promises(fixture, community: Self.b)
        #expect(other.brokenCount == 1)
        #expect(other.kept == 0)
        #expect(other.keptPerMille == 0)
    }

    @Test("ListPromises refuses a margin beyond the promise and an unknown community")
    func listPromisesErrors() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let margin = try #require(await refusal { try await promises(fixture, atRiskHours: 49) })
        #expect(margin.code == .invalidArgument)
        #expect(margin.fields == ["at_risk_hours"])
        let unknown = try #require(await refusal { try await promises(fixture, community: "330902001009") })
        #expect(unknown.code == .invalidArgument)
        #expect(unknown.fields == ["community_code"])
    }

    // MARK: GetCommunityStatus

    func status(_ fixture: EmploymentFixture, _ community: String = EmploymentFixture.communityA) async throws -> Employment.CommunityStatus {
        try await fixture.call("GetCommunityStatus", Employment.CommunityStatusRequest(communityCode: community))
    }

    @Test("GetCommunityStatus counts; unemployment_free flips to false once a wait exceeds 30 days, and back when placed")
    func communityStatus() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let fresh = try await status(fixture)
        #expect(fresh.communityCode == Self.a)
        #expect(fresh.communityName == "海滨社区")
        #expect(fresh.registered == 0 && fresh.waiting == 0 && fresh.placedThisMonth == 0)
        #expect(fresh.unemploymentFree)
        #expect(fresh.thresholdDays == 30)

        let waiting = try await fixture.register(1)
        let placed = try await fixture.register(2)
        let gone = try await fixture.register(3)
        _ = try await fixture.register(4, community: Self.b)
        _ = try await fixture.call(
            "WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: gone.seekerId, reason: .movedAway), as: Employment.JobSeeker.self)
        let vacancy = try await fixture.postVacancy(positions: 5)
        fixture.clock.advance(hours: 1)
        _ = try await fixture.place(placed.seekerId, into: vacancy.vacancyId)

        let now = try await status(fixture)
        #expect(now.registered == 3)  // spells opened: the withdrawn one's spell still counts
        #expect(now.waiting == 1)
        #expect(now.placedThisMonth == 1)
        #expect(now.promisesKept == 1)
        #expect(now.promisesBroken == 0)
        #expect(now.unemploymentFree)
        #expect(now.longestWaitDays == 0)

        fixture.clock.advance(hours: 30 * 24 - 1)  // exactly 30 calendar days after registering
        let thirty = try await status(fixture)
        #expect(thirty.longestWaitDays == 30)
        #expect(thirty.unemploymentFree)
        #expect(thirty.promisesBroken == 1)  // the waiting seeker's 48 h passed long ago
        // the placement was in the fixture's November (Shanghai); 30 days on it is December
        let placedOn = LocalDate(fixture.clock.now.addingTimeInterval(-(30 * 24 - 1) * 3600)), today = LocalDate(fixture.clock.now)
        #expect(placedOn.month != today.month || placedOn.year != today.year)
        #expect(thirty.placedThisMonth == 0)

        fixture.clock.advance(hours: 24)
        let thirtyOne = try await status(fixture)
        #expect(thirtyOne.longestWaitDays == 31)
        #expect(!thirtyOne.unemploymentFree)
        #expect(try await status(fixture, Self.b).unemploymentFree == false)

        _ = try await fixture.place(waiting.seekerId, into: vacancy.vacancyId, startDate: LocalDate(fixture.clock.now).description)
        let done = try await status(fixture)
        #expect(done.waiting == 0)
        #expect(done.unemploymentFree)
        #expect(done.longestWaitDays == 0)
        #expect(done.placedThisMonth == 1)
        #expect(done.promisesBroken == 1 && done.promisesKept == 1)
    }

    @Test("GetCommunityStatus of a community the office does not serve is INVALID_ARGUMENT")
    func communityStatusUnknown() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let error = try #require(await refusal { try await status(fixture, "330902001009") })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == ["community_code"])
    }
}
