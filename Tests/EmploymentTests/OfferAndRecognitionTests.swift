import Domain
import EmploymentContract
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@testable import EmploymentKit

/// Offers (不挑不拣), released promises, recognitions of employment difficulty and their
/// revocation, spells in the figures, and the promise lists page by page.
@Suite("Offers, released promises, hardship recognition, spells in the figures, promise pages")
struct OfferAndRecognitionTests {
    static let a = EmploymentFixture.communityA

    func offer(
        _ fixture: EmploymentFixture, _ seeker: Employment.JobSeeker, _ vacancy: Employment.Vacancy, outcome: Employment.OfferOutcome = .refused,
        suitable: Bool = true, reason: String = "too far", on day: String? = nil
    ) async throws -> Employment.Offer {
        try await fixture.call(
            "RecordOffer",
            Employment.RecordOfferRequest(
                seekerId: seeker.seekerId, vacancyId: vacancy.vacancyId, offeredOn: day ?? LocalDate(fixture.clock.now).description, outcome: outcome,
                suitable: suitable, reason: reason))
    }

    func promises(_ fixture: EmploymentFixture, list: Employment.PromiseList = .unspecified, pageSize: UInt32 = 0, token: String = "") async throws
        -> Employment.ListPromisesResponse
    {
        try await fixture.call(
            "ListPromises", Employment.ListPromisesRequest(communityCode: Self.a, list: list, pageSize: pageSize, pageToken: token))
    }

    @Test("refusing two suitable offers releases the promise: counted apart, not broken, even past the deadline")
    func refusalsRelease() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let first = try await fixture.postVacancy(title: "保洁")
        let second = try await fixture.postVacancy(title: "帮厨")
        // an unsuitable refusal does not count against 不挑不拣
        let unsuitable = try await offer(fixture, seeker, first, suitable: false, reason: "night shifts, has a small child")
        #expect(!unsuitable.releasedPromise && unsuitable.offerId.hasPrefix("O"))
        #expect(!(try await offer(fixture, seeker, first)).releasedPromise)
        #expect(try await fixture.seeker(seeker.seekerId).offersRefused == 1)
        let releasing = try await offer(fixture, seeker, second)
        #expect(releasing.releasedPromise)
        #expect(releasing.outcome == .refused && releasing.suitable && releasing.reason == "too far")
        fixture.clock.advance(hours: 60)
        let listed = try await promises(fixture)
        #expect(listed.released == 1)
        #expect(listed.brokenCount == 0 && listed.pending == 0 && listed.broken.isEmpty)
        let status: Employment.CommunityStatus = try await fixture.call("GetCommunityStatus", Employment.CommunityStatusRequest(communityCode: Self.a))
        #expect(status.promisesReleased == 1 && status.promisesBroken == 0)
        // a placement afterwards is not a kept promise
        #expect(!(try await fixture.place(seeker.seekerId, into: first.vacancyId, startDate: LocalDate(fixture.clock.now).description)).promiseKept)

        let offers: Employment.ListOffersResponse = try await fixture.call(
            "ListOffers", Employment.ListOffersRequest(seekerId: seeker.seekerId, pageSize: 2))
        #expect(offers.offers.map(\.offerId) == [releasing.offerId, "O2"])  // newest first
        let rest: Employment.ListOffersResponse = try await fixture.call(
            "ListOffers", Employment.ListOffersRequest(seekerId: seeker.seekerId, pageSize: 2, pageToken: offers.nextPageToken))
        #expect(rest.offers.map(\.offerId) == [unsuitable.offerId])
        #expect(rest.nextPageToken.isEmpty)
    }

    @Test("offers: a refusal needs a reason; not for a placed seeker; not dated before the spell or after today; public-welfare only if recognised")
    func offerRefusals() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let post = try await fixture.postVacancy(positions: 2)
        let noReason = try #require(await refusal { try await offer(fixture, seeker, post, reason: "") })
        #expect(noReason.code == .invalidArgument && noReason.fields == ["reason"])
        let future = try #require(await refusal { try await offer(fixture, seeker, post, on: "2026-12-25") })
        #expect(future.code == .invalidArgument && future.fields == ["offered_on"])
        let before = try #require(await refusal { try await offer(fixture, seeker, post, on: "2026-11-01") })
        #expect(before.fields == ["offered_on"])
        let welfare = try await fixture.postVacancy(kind: .publicWelfare)
        let reserved = try #require(await refusal { try await offer(fixture, seeker, welfare, outcome: .accepted, reason: "") })
        #expect(reserved.code == .failedPrecondition && reserved.fields == ["vacancy_id"])
        _ = try await fixture.place(seeker.seekerId, into: post.vacancyId)
        let placed = try #require(await refusal { try await offer(fixture, seeker, post, outcome: .accepted, reason: "") })
        #expect(placed.code == .failedPrecondition && placed.fields == ["seeker_id"])
        #expect(try await fixture.count("offers") == 0)
    }

    @Test("recognition: who decided, on what ground and evidence, until when; it lapses after its last day; revoked by staff")
    func recognitionLifecycle() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1, category: .laidOff)
        let recognised = try await fixture.recognise(seeker.seekerId, ground: .age4050, days: 10)
        #expect(recognised.hardship)
        let recognition = try #require(recognised.recognition)
        #expect(recognition.ground == .age4050 && recognition.decidedBy == "tester" && recognition.evidence == "低保证 2026-0012")
        #expect(recognition.validUntil == LocalDate(fixture.clock.now).adding(days: 10).description)
        fixture.clock.advance(hours: 24 * 11)
        #expect(try await !fixture.seeker(seeker.seekerId).hardship)  // lapsed

        try await fixture.recognise(seeker.seekerId)
        let revoked: Employment.JobSeeker = try await fixture.call(
            "RevokeHardship", Employment.RevokeHardshipRequest(seekerId: seeker.seekerId, reason: "低保 ended"))
        #expect(!revoked.hardship)
        #expect(revoked.recognition?.revokedAtMs != 0)
        let again = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call("RevokeHardship", Employment.RevokeHardshipRequest(seekerId: seeker.seekerId, reason: "again"))
            })
        #expect(again.code == .failedPrecondition)
        #expect(try await fixture.count("hardship_recognitions") == 2)  // history kept
    }

    @Test(
        "recognition input: ground, evidence and a last day from today to three years ahead are required",
        arguments: [
            (Employment.HardshipGround.unspecified, "证", 30, "ground"), (.disabled, "", 30, "evidence"), (.disabled, "证", -1, "valid_until"),
            (.disabled, "证", 2000, "valid_until"),
        ])
    func recognitionInput(ground: Employment.HardshipGround, evidence: String, days: Int, field: String) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let error = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call(
                    "RecognizeHardship",
                    Employment.RecognizeHardshipRequest(
                        seekerId: seeker.seekerId, ground: ground, evidence: evidence, validUntil: LocalDateText.days(days, after: fixture.clock.now)))
            })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == [field])
    }

    @Test("withdrawal reasons: required, never PLACED; OTHER needs a note; the spell's end is shown")
    func withdrawalReasons() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        for (reason, note) in [(Employment.SpellEnd.unspecified, ""), (.placed, ""), (.other, "")] {
            let error = try #require(await refusal { try await fixture.withdraw(seeker.seekerId, reason, note: note) })
            #expect(error.code == .invalidArgument)
        }
        let ended = try await fixture.withdraw(seeker.seekerId, .other, note: "went back to school")
        #expect(ended.status == .withdrawn && ended.spellEnd == .other && ended.spellEndNote == "went back to school")
    }

    @Test("spells: a return is spell 2 with its own promise; figures count spells; the first spell's kept promise stays")
    func spellsInFigures() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let vacancy = try await fixture.postVacancy(positions: 3)
        _ = try await fixture.place(seeker.seekerId, into: vacancy.vacancyId)
        fixture.clock.advance(hours: 24 * 5)
        let back = try await fixture.register(1)
        #expect(back.spell == 2 && back.status == .waiting && back.startDate.isEmpty && back.placedVacancyId.isEmpty)
        #expect(back.promiseDeadlineMs == UInt64(fixture.clock.now.unixMilliseconds) + 48 * 3_600_000)
        let status: Employment.CommunityStatus = try await fixture.call("GetCommunityStatus", Employment.CommunityStatusRequest(communityCode: Self.a))
        #expect(status.registered == 2 && status.waiting == 1 && status.promisesKept == 1)
        #expect(status.spellsOpenedThisMonth == 2 && status.returnsThisMonth == 1)
        #expect(try await fixture.count("spells") == 2)
        _ = try await fixture.place(back.seekerId, into: vacancy.vacancyId, startDate: LocalDate(fixture.clock.now).description)
        #expect(try await fixture.count("placements", where: "seeker_id = 1") == 2)
    }

    @Test("ListPromises pages the broken list longest overdue first, and the at-risk list soonest first, each with its own token")
    func promisePages() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var order: [String] = []
        for index in 1...5 {
            order.append(try await fixture.register(index).seekerId)
            fixture.clock.advance(hours: 1)
        }
        fixture.clock.advance(hours: 44.5)  // deadlines at 48..52 h after the first; now 49.5 h: two broken, three at risk
        let first = try await promises(fixture, pageSize: 1)
        #expect(first.broken.map { $0.seeker?.seekerId } == [order[0]])
        #expect(first.atRisk.map { $0.seeker?.seekerId } == [order[2]])
        #expect(!first.brokenNextPageToken.isEmpty && !first.atRiskNextPageToken.isEmpty)
        #expect(first.brokenCount == 2 && first.pending == 3)
        let broken = try await promises(fixture, list: .broken, pageSize: 1, token: first.brokenNextPageToken)
        #expect(broken.broken.map { $0.seeker?.seekerId } == [order[1]] && broken.atRisk.isEmpty && broken.brokenNextPageToken.isEmpty)
        let risk = try await promises(fixture, list: .atRisk, pageSize: 2, token: first.atRiskNextPageToken)
        #expect(risk.atRisk.map { $0.seeker?.seekerId } == [order[3], order[4]] && risk.atRiskNextPageToken.isEmpty)
        let noList = try #require(await refusal { try await promises(fixture, pageSize: 1, token: first.brokenNextPageToken) })
        #expect(noList.fields == ["list"])
    }

    @Test("working hours (policy): a Friday-evening registration's promise runs to Tuesday evening")
    func workingHourPromise() async throws {
        var policy = EmploymentPolicy()
        policy.promiseClock = .workingHours
        let fixture = try await EmploymentFixture(policy: policy)
        defer { fixture.close() }
        // 2026-11-20 is a Friday; move the clock to 20:00 Shanghai that day
        let friday = try LocalDate(year: 2026, month: 11, day: 20).startOfDay().addingTimeInterval(20 * 3600)
        fixture.clock.advance(hours: friday.timeIntervalSince(fixture.clock.now) / 3600)
        let seeker = try await fixture.register(1)
        let tuesday = try LocalDate(year: 2026, month: 11, day: 24).startOfDay().addingTimeInterval(20 * 3600)
        #expect(seeker.promiseDeadlineMs == UInt64(tuesday.unixMilliseconds))
    }

    @Test("matching candidates are read hardship first, then longest wait: the bound drops the newest ordinary seekers")
    func candidateOrder() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var ids: [Int64] = []
        for index in 1...5 {
            ids.append(Int64(try await fixture.register(index).seekerId.dropFirst())!)
            fixture.clock.advance(hours: 1)
        }
        try await fixture.recognise("S\(ids[4])")
        let community = try CommunityCode(Self.a)
        let bySkill = try await fixture.database.read { db in
            try SeekerStore.candidates(db, skills: ["cooking"], community: community, hardshipOnly: false, limit: 3).map(\.id)
        }
        #expect(bySkill == [ids[4], ids[0], ids[1]])
        let nearby = try await fixture.database.read { db in
            try SeekerStore.candidates(db, skills: ["welding"], community: community, hardshipOnly: false, limit: 3).map(\.id)
        }
        #expect(nearby == [ids[4], ids[0], ids[1]])
        let reserved = try await fixture.database.read { db in
            try SeekerStore.candidates(db, skills: ["cooking"], community: community, hardshipOnly: true, limit: 3).map(\.id)
        }
        #expect(reserved == [ids[4]])
    }
}
