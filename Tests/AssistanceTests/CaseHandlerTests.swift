import AssistanceContract
import Domain
import Foundation
import TestSupport
import Testing
import WireProtocol

@testable import AssistanceKit

@Suite("Minimum living allowance cases (低保): apply → review → notice → approve/reject → active → periodic review → stop")
struct CaseHandlerTests {
    static let a = AssistanceFixture.communityA

    @Test("from application to active: the means test, 7 days of notice, approval; every step recorded with who and when")
    func lifecycle() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let household = try await fixture.household(first: 1, count: 3, income: 33_000)
        let applied: Assistance.AllowanceCase = try await fixture.call(
            "ApplyForAllowance", Assistance.ApplyForAllowanceRequest(householdId: household.householdId), principal: "clerk-7", roles: "clerk")
        #expect(applied.state == .applied && applied.caseId.hasPrefix("C"))
        // the clerk who took it sees who, not the means
        #expect(applied.meansHidden && applied.monthlyAmountFen == 0 && applied.headIdNumber == People.idNumber(1))

        let reviewed = try await fixture.review(applied.caseId)
        #expect(reviewed.state == .underNotice)
        #expect(reviewed.noticeStartDate == "2026-11-02" && reviewed.noticeEndDate == "2026-11-08")
        #expect(reviewed.perCapitaIncomeFen == 33_000 && reviewed.standardFen == 98_500)
        #expect(reviewed.monthlyAmountFen == (98_500 - 33_000) * 3)

        fixture.advance(days: 6)  // 2026-11-08, the last day of notice
        let early = try #require(await refusal { try await fixture.approve(applied.caseId) })
        #expect(early.code == .failedPrecondition && early.message.contains("2026-11-08"))
        fixture.advance(days: 1)
        let approved = try await fixture.approve(applied.caseId)
        #expect(approved.state == .active)
        #expect(approved.firstPaidMonth == "2026-11")
        #expect(approved.nextReviewDate == "2027-11-09")  // no work capacity: yearly
        #expect(approved.history.map(\.action) == ["apply", "review", "approve"])
        #expect(approved.history.map(\.actor) == ["clerk-7", "staff-1", "staff-1"])
        #expect(approved.history.map(\.toState) == [.applied, .underNotice, .active])
        #expect(approved.history[2].atMs == UInt64(fixture.clock.now.unixMilliseconds))
        #expect(approved.history[2].reason == "公示无异议")
    }

    @Test("an application keeps the other offices' answers as evidence, for staff only; an unmasked subject or too much evidence is refused")
    func evidenceKept() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let household = try await fixture.household(first: 1, count: 2, income: 33_000)
        let masked = String(People.idNumber(1).prefix(6)) + "********" + String(People.idNumber(1).suffix(4))
        let checks = [
            Assistance.CaseEvidence(office: "employment", subjectMasked: masked, finding: "未做求职登记", checkedAtMs: 1_700_000_000_000, source: "SL20261130000002"),
            Assistance.CaseEvidence(
                office: "health", subjectMasked: masked, finding: "健康档案 H1: 残疾 是, 慢性病 否", checkedAtMs: 1_700_000_000_001, source: "SL20261130000002"),
        ]
        let unmasked = await refusal {
            let _: Assistance.AllowanceCase = try await fixture.call(
                "ApplyForAllowance",
                Assistance.ApplyForAllowanceRequest(
                    householdId: household.householdId, evidence: [Assistance.CaseEvidence(office: "health", subjectMasked: People.idNumber(1), finding: "x")]),
                principal: "clerk-7", roles: "clerk")
        }
        #expect(unmasked?.code == .invalidArgument && unmasked?.violations.first?.field == "evidence[0].subject_masked", "\(String(describing: unmasked))")
        let tooMuch = await refusal {
            let _: Assistance.AllowanceCase = try await fixture.call(
                "ApplyForAllowance",
                Assistance.ApplyForAllowanceRequest(householdId: household.householdId, evidence: Array(repeating: checks[0], count: 61)),
                principal: "clerk-7", roles: "clerk")
        }
        #expect(tooMuch?.code == .invalidArgument)
        let applied: Assistance.AllowanceCase = try await fixture.call(
            "ApplyForAllowance", Assistance.ApplyForAllowanceRequest(householdId: household.householdId, evidence: checks), principal: "clerk-7",
            roles: "clerk")
        #expect(applied.evidence.isEmpty, "the clerk does not see the household's means, nor the checks")
        let staff: Assistance.AllowanceCase = try await fixture.call("GetCase", Assistance.GetCaseRequest(caseId: applied.caseId))
        #expect(staff.evidence == checks)
    }

    @Test("failing the means test rejects with the figures; rejection needs a reason; illegal steps are FAILED_PRECONDITION naming the state")
    func rejectionAndIllegalSteps() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(50_000, from: "2026-11-15")
        let household = try await fixture.household(first: 10, count: 2, income: 60_000)
        let applied = try await fixture.apply(household.householdId)
        // a standard effective on 2026-11-15 counts for November
        let rejected = try await fixture.review(applied.caseId)
        #expect(rejected.state == .rejected)
        #expect(rejected.reason.contains("60000 fen") && rejected.reason.contains("50000 fen"))
        for (method, request) in [
            ("ApproveCase", try Assistance.ApproveCaseRequest(caseId: applied.caseId).serializedBytes()),
            ("StopCase", try Assistance.StopCaseRequest(caseId: applied.caseId, reason: "迁出").serializedBytes()),
            ("ReviewApplication", try Assistance.ReviewApplicationRequest(caseId: applied.caseId).serializedBytes()),
        ] {
            let error = try #require(
                await refusal {
                    try await fixture.service.methods[method]!.handle(
                        request, context: .init(service: "assistance", method: method, metadata: ["x-principal-roles": "assistance"]))
                })
            #expect(error.code == .failedPrecondition, "\(method)")
            #expect(error.message.contains("REJECTED") && error.fields == ["case_id"], "\(method): \(error)")
        }
        // a new application after a rejection is allowed; without a reason a rejection is INVALID_ARGUMENT
        let again = try await fixture.apply(household.householdId)
        let noReason = try #require(
            await refusal { () -> Assistance.AllowanceCase in try await fixture.call("RejectCase", Assistance.RejectCaseRequest(caseId: again.caseId)) })
        #expect(noReason.code == .invalidArgument && noReason.fields == ["reason"])
        let duplicate = try #require(await refusal { try await fixture.apply(household.householdId) })
        #expect(duplicate.code == .alreadyExists && duplicate.fields == ["household_id"])
        let refused: Assistance.AllowanceCase = try await fixture.call("RejectCase", Assistance.RejectCaseRequest(caseId: again.caseId, reason: "有车辆"))
        #expect(refused.state == .rejected && refused.reason == "有车辆")
        #expect(refused.history.last?.action == "reject")
    }

    @Test("without a standard for the month the review is FAILED_PRECONDITION; an unknown case is NOT_FOUND")
    func noStandard() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(50_000, from: "2026-12-01")
        let household = try await fixture.household(first: 20)
        let applied = try await fixture.apply(household.householdId)
        let error = try #require(await refusal { try await fixture.review(applied.caseId) })
        #expect(error.code == .failedPrecondition && error.message.contains("2026-11"))
        let missing = try #require(await refusal { try await fixture.getCase("C404") })
        #expect(missing.code == .notFound && missing.fields == ["case_id"])
        let malformed = try #require(await refusal { try await fixture.getCase("H1") })
        #expect(malformed.code == .invalidArgument && malformed.fields == ["case_id"])
    }

    @Test("objections filed during the notice block approval until resolved")
    func objections() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let household = try await fixture.household(first: 30)
        let applied = try await fixture.apply(household.householdId)
        let notFiled = try #require(
            await refusal { () -> Assistance.Objection in
                try await fixture.call("FileObjection", Assistance.FileObjectionRequest(caseId: applied.caseId, text: "x"))
            })
        #expect(notFiled.code == .failedPrecondition && notFiled.message.contains("APPLIED"))
        _ = try await fixture.review(applied.caseId)
        let objection: Assistance.Objection = try await fixture.call(
            "FileObjection", Assistance.FileObjectionRequest(caseId: applied.caseId, text: "邻居反映家中有经营收入"), principal: "grid-0101", roles: "grid-worker")
        #expect(objection.objectionId.hasPrefix("O") && !objection.resolved)
        fixture.advance(days: 7)
        let blocked = try #require(await refusal { try await fixture.approve(applied.caseId) })
        #expect(blocked.code == .failedPrecondition && blocked.message.contains("objection"))
        #expect(try await fixture.getCase(applied.caseId).openObjections == 1)
        let resolved: Assistance.Objection = try await fixture.call(
            "ResolveObjection", Assistance.ResolveObjectionRequest(objectionId: objection.objectionId, resolution: "核实为临时收入，已计入", upheld: false))
        #expect(resolved.resolved && resolved.resolution == "核实为临时收入，已计入")
        let twice = try #require(
            await refusal { () -> Assistance.Objection in
                try await fixture.call(
                    "ResolveObjection", Assistance.ResolveObjectionRequest(objectionId: objection.objectionId, resolution: "again", upheld: true))
            })
        #expect(twice.code == .failedPrecondition && twice.fields == ["objection_id"])
        #expect(try await fixture.approve(applied.caseId).state == .active)
    }

    @Test("the public notice: cases on notice that day, head masked as family name and star, ID number 6 + 8 stars + 4")
    func publicNotice() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let members = [People.member(40, name: "欧阳娜娜", income: 20_000, head: true), People.member(41, income: 10_001, ill: true)]
        let household: Assistance.Household = try await fixture.call("RegisterHousehold", People.household(members))
        let applied = try await fixture.apply(household.householdId)
        _ = try await fixture.review(applied.caseId)
        let other = try await fixture.household(first: 42)
        _ = try await fixture.apply(other.householdId)  // applied, not on notice

        let (notice, reported): (Assistance.ListPublicNoticeResponse, [String]) = try await fixture.callReporting(
            "ListPublicNotice", Assistance.ListPublicNoticeRequest(communityCode: Self.a), principal: "resident", roles: "")
        let entry = try #require(notice.entries.first)
        #expect(notice.entries.count == 1)
        #expect(entry.headName == "欧阳*")
        let id = People.idNumber(40)
        #expect(entry.headIdNumber == String(id.prefix(6)) + "********" + String(id.suffix(4)))
        #expect(entry.members == 2 && entry.perCapitaIncomeFen == 15_000 && entry.category == .partialOrIll)
        #expect(entry.monthlyAmountFen == (98_500 - 15_000) * 2)
        #expect(entry.noticeStartDate == "2026-11-02" && entry.noticeEndDate == "2026-11-08")
        #expect(reported == [id])
        let later: Assistance.ListPublicNoticeResponse = try await fixture.call(
            "ListPublicNotice", Assistance.ListPublicNoticeRequest(communityCode: Self.a, asOfDate: "2026-11-09"))
        #expect(later.entries.isEmpty)
    }

    @Test("periodic review by category: due lists, continue, adjust from the next month, stop when income reaches the standard")
    func periodicReview() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        // able-bodied: quarterly
        let household = try await fixture.household(first: 50, count: 2, income: 30_000, capacity: .fullWorkCapacity)
        let applied = try await fixture.apply(household.householdId)
        _ = try await fixture.review(applied.caseId)
        fixture.advance(days: 7)
        let active = try await fixture.approve(applied.caseId)
        #expect(active.nextReviewDate == "2027-02-09")
        let quiet = try await fixture.activeCase(first: 60, count: 1)  // yearly
        #expect(quiet.nextReviewDate == "2027-11-16")

        let notYet: Assistance.ListCasesResponse = try await fixture.call(
            "ListReviewsDue", Assistance.ListReviewsDueRequest(communityCode: Self.a, asOfDate: "2027-02-08"))
        #expect(notYet.cases.isEmpty)
        let due: Assistance.ListCasesResponse = try await fixture.call(
            "ListReviewsDue", Assistance.ListReviewsDueRequest(communityCode: Self.a, asOfDate: "2027-12-31", pageSize: 1))
        #expect(due.cases.map(\.caseId) == [applied.caseId] && !due.nextPageToken.isEmpty)
        let rest: Assistance.ListCasesResponse = try await fixture.call(
            "ListReviewsDue", Assistance.ListReviewsDueRequest(communityCode: Self.a, asOfDate: "2027-12-31", pageSize: 1, pageToken: due.nextPageToken))
        #expect(rest.cases.map(\.caseId) == [quiet.caseId])

        try fixture.set("2027-02-09")
        let kept: Assistance.AllowanceCase = try await fixture.call(
            "RecordPeriodicReview", Assistance.RecordPeriodicReviewRequest(caseId: applied.caseId, decision: .continueUnchanged, reason: "复核无变化"))
        #expect(kept.state == .active && kept.nextReviewDate == "2027-05-09")
        // an income reported: continuing unchanged is refused, adjusting is recorded
        _ = try await fixture.call(
            "ReportIncome",
            Assistance.ReportIncomeRequest(
                householdId: household.householdId, idNumber: People.idNumber(50), monthlyIncomeFen: 60_000, workCapacity: .fullWorkCapacity),
            as: Assistance.Household.self)
        let unchanged = try #require(
            await refusal { () -> Assistance.AllowanceCase in
                try await fixture.call(
                    "RecordPeriodicReview", Assistance.RecordPeriodicReviewRequest(caseId: applied.caseId, decision: .continueUnchanged, reason: "x"))
            })
        #expect(unchanged.code == .failedPrecondition && unchanged.fields == ["decision"])
        let adjusted: Assistance.AllowanceCase = try await fixture.call(
            "RecordPeriodicReview", Assistance.RecordPeriodicReviewRequest(caseId: applied.caseId, decision: .adjustAmount, reason: "收入增加"))
        #expect(adjusted.state == .active && adjusted.monthlyAmountFen == (98_500 - 45_000) * 2)
        // income above the standard: only a stop is accepted
        _ = try await fixture.call(
            "ReportIncome",
            Assistance.ReportIncomeRequest(
                householdId: household.householdId, idNumber: People.idNumber(51), monthlyIncomeFen: 300_000, workCapacity: .fullWorkCapacity),
            as: Assistance.Household.self)
        let mustStop = try #require(
            await refusal { () -> Assistance.AllowanceCase in
                try await fixture.call(
                    "RecordPeriodicReview", Assistance.RecordPeriodicReviewRequest(caseId: applied.caseId, decision: .adjustAmount, reason: "x"))
            })
        #expect(mustStop.code == .failedPrecondition && mustStop.message.contains("must stop"))
        let stopped: Assistance.AllowanceCase = try await fixture.call(
            "RecordPeriodicReview", Assistance.RecordPeriodicReviewRequest(caseId: applied.caseId, decision: .stopAllowance, reason: "收入超标"))
        #expect(stopped.state == .stopped && stopped.lastPaidMonth == "2027-02" && stopped.nextReviewDate.isEmpty)
        #expect(stopped.history.map(\.action) == ["apply", "review", "approve", "periodic-review", "periodic-review", "periodic-review"])
        let listed: Assistance.ListCasesResponse = try await fixture.call("ListCases", Assistance.ListCasesRequest(communityCode: Self.a, state: .stopped))
        #expect(listed.cases.map(\.caseId) == [applied.caseId])
    }
}
