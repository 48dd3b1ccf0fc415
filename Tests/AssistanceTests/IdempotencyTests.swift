import AssistanceContract
import Domain
import Foundation
import TestSupport
import Testing
import WireProtocol

@testable import AssistanceKit

@Suite("Retried writes: an idempotency key does the work once; a replay is rendered for the caller asking now")
struct IdempotencyTests {
    @Test("a retried approval replays the reply; one transition is recorded")
    func approvalRetried() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let household = try await fixture.household(first: 1)
        let applied = try await fixture.apply(household.householdId)
        _ = try await fixture.review(applied.caseId)
        fixture.advance(days: 7)
        let request = Assistance.ApproveCaseRequest(caseId: applied.caseId, note: "公示期满")
        let first: Assistance.AllowanceCase = try await fixture.call("ApproveCase", request, idempotencyKey: "approve-1")
        let again: Assistance.AllowanceCase = try await fixture.call("ApproveCase", request, idempotencyKey: "approve-1")
        #expect(again == first && again.state == .active)
        #expect(try await fixture.count("case_events", where: "action = 'approve'") == 1)
        // without the key the retry is a second approval: refused, the case is active
        let retried = try #require(await refusal { () -> Assistance.AllowanceCase in try await fixture.call("ApproveCase", request) })
        #expect(retried.code == .failedPrecondition && retried.message.contains("ACTIVE"))
        // the same key with another request is refused
        let other = try #require(
            await refusal { () -> Assistance.AllowanceCase in
                try await fixture.call("ApproveCase", Assistance.ApproveCaseRequest(caseId: applied.caseId, note: "x"), idempotencyKey: "approve-1")
            })
        #expect(other.code == .failedPrecondition)
    }

    @Test("a clerk's replay of their own registration shows what a clerk may see, never the staff's view")
    func replayRenderedForTheCaller() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let request = People.household([People.member(5, income: 12_345, head: true)])
        let clerk: Assistance.Household = try await fixture.call("RegisterHousehold", request, principal: "clerk-1", roles: "clerk", idempotencyKey: "k")
        #expect(clerk.meansHidden && clerk.totalIncomeFen == 0)
        let replay: Assistance.Household = try await fixture.call("RegisterHousehold", request, principal: "clerk-1", roles: "clerk", idempotencyKey: "k")
        #expect(replay == clerk)
        // another principal's same key is their own key: a second registration of the resident
        let staff = try #require(
            await refusal { () -> Assistance.Household in try await fixture.call("RegisterHousehold", request, principal: "staff-1", idempotencyKey: "k") })
        #expect(staff.code == .alreadyExists)
        #expect(try await fixture.count("households") == 1)
    }

    @Test("a household keeps at least one member")
    func lastMember() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let household = try await fixture.household(first: 7, count: 1)
        let error = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call(
                    "RemoveMember", Assistance.RemoveMemberRequest(householdId: household.householdId, idNumber: People.idNumber(7), reason: "迁出"))
            })
        #expect(error.code == .failedPrecondition && error.fields == ["id_number"])
    }
}
