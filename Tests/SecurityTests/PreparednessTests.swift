import Domain
import Foundation
import SecurityContract
import SecurityKit
import TestSupport
import Testing
import WireProtocol

@Suite("Emergency plans (应急预案) and drills: communities whose plan or last drill is older than a year")
struct PreparednessTests {
    static let a = SecurityFixture.communityA
    static let b = SecurityFixture.communityB

    @Test("the rule: no plan, an old plan, no drill, an old drill; a year to the day is not stale")
    func rule() throws {
        let asOf = try LocalDate(iso: "2026-11-18")
        let policy = SecurityPolicy()
        #expect(PreparednessRule.reasons(newestPlan: nil, lastDrill: nil, asOf: asOf, policy: policy) == ["no plan", "no drill"])
        let yearAgo = try LocalDate(iso: "2025-11-18")
        #expect(PreparednessRule.reasons(newestPlan: yearAgo, lastDrill: yearAgo, asOf: asOf, policy: policy).isEmpty)
        let older = yearAgo.adding(days: -1)
        #expect(
            PreparednessRule.reasons(newestPlan: older, lastDrill: older, asOf: asOf, policy: policy) == [
                "plan older than 12 months", "last drill older than 12 months",
            ])
        #expect(PreparednessRule.reasons(newestPlan: asOf, lastDrill: nil, asOf: asOf, policy: policy) == ["no drill"])
    }

    @Test("plans and drills through the office; the stale list covers every community of the registry")
    func stale() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let fresh: Security.EmergencyPlan = try await fixture.call(
            "RecordEmergencyPlan",
            Security.RecordEmergencyPlanRequest(
                communityCode: Self.a, kind: .naturalDisaster, title: "防台防汛应急预案", approvedOn: fixture.today.adding(days: -100).description))
        #expect(fresh.planId == "E1" && fresh.drills == 0)
        let drilled: Security.EmergencyPlan = try await fixture.call(
            "RecordDrill", Security.RecordDrillRequest(planId: "E1", heldOn: fixture.today.adding(days: -20).description, participants: 120, note: "疏散演练"))
        #expect(drilled.drills == 1 && drilled.lastDrillOn == fixture.today.adding(days: -20).description)
        _ = try await fixture.call(
            "RecordEmergencyPlan",
            Security.RecordEmergencyPlanRequest(
                communityCode: Self.b, kind: .socialSecurity, title: "突发事件预案", approvedOn: fixture.today.adding(days: -500).description),
            as: Security.EmergencyPlan.self)
        let listed: Security.ListStalePreparednessResponse = try await fixture.call("ListStalePreparedness", Security.ListStalePreparednessRequest())
        #expect(listed.communities.map(\.communityCode) == [Self.b, "330902001003"])
        #expect(listed.communities.map(\.reasons) == [["plan older than 12 months", "no drill"], ["no plan", "no drill"]])
        #expect(listed.communities.first?.newestPlanOn == fixture.today.adding(days: -500).description)
        let early = await refusal {
            try await fixture.call(
                "RecordDrill", Security.RecordDrillRequest(planId: "E1", heldOn: fixture.today.adding(days: -200).description, participants: 5),
                as: Security.EmergencyPlan.self)
        }
        #expect(early?.code == .failedPrecondition && early?.fields == ["held_on"])
        let bad = await refusal {
            try await fixture.call("RecordDrill", Security.RecordDrillRequest(planId: "E9", heldOn: "2026-13-01"), as: Security.EmergencyPlan.self)
        }
        #expect(bad?.fields == ["held_on", "participants"])
        let missing = await refusal {
            try await fixture.call(
                "RecordDrill", Security.RecordDrillRequest(planId: "E9", heldOn: fixture.today.description, participants: 3), as: Security.EmergencyPlan.self)
        }
        #expect(missing?.code == .notFound)
    }
}
