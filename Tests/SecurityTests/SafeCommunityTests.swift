import Domain
import Foundation
import SecurityContract
import SecurityKit
import TestSupport
import Testing
import WireProtocol

@Suite("Safe communities (安全小区): the configurable rule, and the share against the 60% target")
struct SafeCommunityTests {
    static let a = SecurityFixture.communityA
    static let b = SecurityFixture.communityB

    @Test("safe: no serious incident in the window and no dispute open over the limit; both figures are configuration")
    func rule() {
        var policy = SecurityPolicy()
        #expect(SafeCommunityRule.isSafe(seriousIncidents: 0, overdueDisputes: 0, policy: policy))
        #expect(!SafeCommunityRule.isSafe(seriousIncidents: 1, overdueDisputes: 0, policy: policy))
        #expect(!SafeCommunityRule.isSafe(seriousIncidents: 0, overdueDisputes: 1, policy: policy))
        policy.maxSeriousIncidents = 1
        #expect(SafeCommunityRule.isSafe(seriousIncidents: 1, overdueDisputes: 0, policy: policy))
    }

    @Test("the share in per mille, compared exactly with the target", arguments: [(3, 5, 600, true), (2, 3, 666, true), (1, 2, 500, false), (0, 0, 0, false)])
    func share(safe: Int, of total: Int, perMille: Int, meets: Bool) {
        let share = SafeCommunityRule.share(safe: safe, of: total, policy: SecurityPolicy())
        #expect(share.perMille == perMille && share.meetsTarget == meets)
    }

    static func incident(_ fixture: SecurityFixture, community: String, serious: Bool, daysAgo: Int) async throws {
        _ = try await fixture.call(
            "RecordIncident",
            Security.RecordIncidentRequest(
                communityCode: community, gridCode: Residents.grid(community, 1), kind: .burglary, serious: serious, place: "3 幢",
                occurredAtMs: UInt64(fixture.now.addingTimeInterval(-Double(daysAgo) * 86_400).unixMilliseconds)), as: Security.Incident.self)
    }

    @Test("through the office: a serious incident within 12 months or a dispute open 31 days makes a community unsafe; older ones do not")
    func status() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        try await Self.incident(fixture, community: Self.a, serious: true, daysAgo: 400)  // outside the window
        try await Self.incident(fixture, community: Self.a, serious: false, daysAgo: 10)  // not serious
        try await Self.incident(fixture, community: Self.b, serious: true, daysAgo: 100)
        _ = try await DisputeTests.report(fixture, grid: 1, daysAgo: 30)  // community A, exactly 30 days: not overdue
        let a: Security.SafeCommunityStatus = try await fixture.call("GetSafeCommunityStatus", Security.GetSafeCommunityStatusRequest(communityCode: Self.a))
        #expect(a.safe && a.seriousIncidents == 0 && a.overdueDisputes == 0 && a.incidentWindowMonths == 12 && a.disputeMaxOpenDays == 30)
        let b: Security.SafeCommunityStatus = try await fixture.call("GetSafeCommunityStatus", Security.GetSafeCommunityStatusRequest(communityCode: Self.b))
        #expect(!b.safe && b.seriousIncidents == 1)
        // A day later the dispute is overdue.
        let later: Security.SafeCommunityStatus = try await fixture.call(
            "GetSafeCommunityStatus", Security.GetSafeCommunityStatusRequest(communityCode: Self.a, asOf: fixture.today.adding(days: 1).description))
        #expect(!later.safe && later.overdueDisputes == 1)

        // Three communities in the registry: only C (no records) and A are safe → 666‰ ≥ 600‰.
        let share: Security.SafeCommunityShare = try await fixture.call("GetSafeCommunityShare", Security.GetSafeCommunityShareRequest())
        #expect(share.communities == 3 && share.safe == 2 && share.sharePerMille == 666 && share.targetPerMille == 600 && share.meetsTarget)
        #expect(share.statuses.map(\.safe) == [true, false, true])
        let unsafe: Security.SafeCommunityShare = try await fixture.call(
            "GetSafeCommunityShare", Security.GetSafeCommunityShareRequest(asOf: fixture.today.adding(days: 1).description))
        #expect(unsafe.safe == 1 && !unsafe.meetsTarget)
    }

    @Test("a stricter rule from the policy: a 24-month window catches the older serious incident")
    func configured() async throws {
        var policy = SecurityPolicy()
        policy.safeIncidentWindowMonths = 24
        let fixture = try SecurityFixture(policy: policy)
        defer { fixture.close() }
        try await Self.incident(fixture, community: Self.a, serious: true, daysAgo: 400)
        let a: Security.SafeCommunityStatus = try await fixture.call("GetSafeCommunityStatus", Security.GetSafeCommunityStatusRequest(communityCode: Self.a))
        #expect(!a.safe && a.incidentWindowMonths == 24)
        let bad = await refusal {
            try await fixture.call(
                "GetSafeCommunityStatus", Security.GetSafeCommunityStatusRequest(communityCode: "330902001009"), as: Security.SafeCommunityStatus.self)
        }
        #expect(bad?.code == .invalidArgument && bad?.fields == ["community_code"])
    }
}
