import Domain
import Foundation
import SecurityContract
import SecurityKit
import TestSupport
import Testing
import WireProtocol
import WireRuntime

@Suite("Disputes (矛盾纠纷排查调处): report, mediation, outcomes, open disputes per grid with their ages")
struct DisputeTests {
    static let a = SecurityFixture.communityA

    static func report(_ fixture: SecurityFixture, grid: Int = 1, daysAgo: Int = 0, caller: Caller = .officer) async throws -> Security.Dispute {
        try await fixture.call(
            "ReportDispute",
            Security.ReportDisputeRequest(
                communityCode: a, gridCode: Residents.grid(a, grid), kind: .neighbour,
                parties: [
                    Security.DisputeParty(name: "张三", idNumber: try Residents.idNumber(41)), Security.DisputeParty(name: "李四"),
                ], summary: "楼上漏水", reportedOn: fixture.today.adding(days: -daysAgo).description), caller: caller)
    }

    @Test("report, mediate twice, resolve; the party with an ID number reported; a closed dispute takes no more")
    func lifecycle() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let context = fixture.context("ReportDispute", as: .officer)
        let reported: Security.Dispute = try await fixture.call(
            "ReportDispute",
            Security.ReportDisputeRequest(
                communityCode: Self.a, gridCode: Residents.grid(Self.a, 1), kind: .tenancy,
                parties: [Security.DisputeParty(name: "张三", idNumber: try Residents.idNumber(41)), Security.DisputeParty(name: "李四")],
                summary: "押金纠纷"), context: context)
        #expect(reported.disputeId == "D1" && reported.status == .open && reported.reportedOn == fixture.today.description)
        #expect(reported.parties.map(\.name) == ["张三", "李四"] && reported.parties.last?.idNumber == "")
        #expect(context.residents.reported == [try Residents.idNumber(41)])
        for _ in 0..<2 {
            _ = try await fixture.call(
                "RecordMediation",
                Security.RecordMediationRequest(disputeId: "D1", heldOn: fixture.today.description, mediator: "王调解", note: "双方到场"),
                as: Security.Dispute.self)
        }
        let resolved: Security.Dispute = try await fixture.call(
            "RecordDisputeOutcome",
            Security.RecordDisputeOutcomeRequest(disputeId: "D1", outcome: .resolved, closedOn: fixture.today.description, note: "达成协议"))
        #expect(resolved.status == .resolved && resolved.sessions == 2 && resolved.lastSessionOn == fixture.today.description)
        #expect(resolved.outcomeNote == "达成协议" && resolved.closedOn == fixture.today.description)
        let again = await refusal {
            try await fixture.call(
                "RecordMediation", Security.RecordMediationRequest(disputeId: "D1", heldOn: fixture.today.description, mediator: "王调解"),
                as: Security.Dispute.self)
        }
        #expect(again?.code == .failedPrecondition && again?.message.contains("RESOLVED") == true)
        let clerkView: Security.Dispute = try await fixture.call("GetDispute", Security.GetDisputeRequest(disputeId: "D1"), caller: .clerk)
        #expect(clerkView.parties.map(\.name) == ["张*", "李*"] && clerkView.parties.first?.idNumber.contains("********") == true)
    }

    @Test("open disputes with their ages, and per grid the count, the oldest and the overdue (over 30 days)")
    func openDisputes() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        _ = try await Self.report(fixture, grid: 1, daysAgo: 45)
        _ = try await Self.report(fixture, grid: 1, daysAgo: 5)
        _ = try await Self.report(fixture, grid: 2, daysAgo: 30)
        _ = try await Self.report(fixture, grid: 2, daysAgo: 60)
        _ = try await fixture.call(
            "RecordDisputeOutcome",
            Security.RecordDisputeOutcomeRequest(disputeId: "D4", outcome: .referred, closedOn: fixture.today.description, note: "移交人民法院"),
            as: Security.Dispute.self)
        let listed: Security.ListOpenDisputesResponse = try await fixture.call("ListOpenDisputes", Security.ListOpenDisputesRequest(communityCode: Self.a))
        #expect(listed.disputes.compactMap(\.dispute?.disputeId) == ["D1", "D2", "D3"])
        #expect(listed.disputes.map(\.ageDays) == [45, 5, 30])
        #expect(listed.grids.map { "\($0.gridCode.suffix(3)):\($0.open)/\($0.oldestAgeDays)/\($0.overdue)" } == ["001:2/45/1", "002:1/30/0"])
        let worker = Caller(id: "grid-0102", roles: "grid-worker", grids: [Residents.grid(Self.a, 2)])
        let own: Security.ListOpenDisputesResponse = try await fixture.call(
            "ListOpenDisputes", Security.ListOpenDisputesRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 2)), caller: worker)
        #expect(own.disputes.compactMap(\.dispute?.disputeId) == ["D3"])
        let other = await refusal {
            try await fixture.call("GetDispute", Security.GetDisputeRequest(disputeId: "D1"), as: Security.Dispute.self, caller: worker)
        }
        #expect(other?.code == .permissionDenied)
    }

    @Test("bad reports and outcomes name every bad field; a referral needs a note; dates not before the report")
    func refusals() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let bad = await refusal {
            try await fixture.call(
                "ReportDispute",
                Security.ReportDisputeRequest(
                    communityCode: Self.a, gridCode: Residents.grid(Self.a, 1), parties: [Security.DisputeParty(name: "张三", idNumber: "123")], summary: ""),
                as: Security.Dispute.self)
        }
        #expect(bad?.fields == ["kind", "parties", "parties[0].id_number", "summary"], "\(String(describing: bad))")
        _ = try await Self.report(fixture, daysAgo: 3)
        let referral = await refusal {
            try await fixture.call(
                "RecordDisputeOutcome", Security.RecordDisputeOutcomeRequest(disputeId: "D1", outcome: .referred, closedOn: fixture.today.description),
                as: Security.Dispute.self)
        }
        #expect(referral?.fields == ["note"])
        let open = await refusal {
            try await fixture.call(
                "RecordDisputeOutcome", Security.RecordDisputeOutcomeRequest(disputeId: "D1", outcome: .open, closedOn: fixture.today.description),
                as: Security.Dispute.self)
        }
        #expect(open?.fields == ["outcome"])
        let early = await refusal {
            try await fixture.call(
                "RecordMediation",
                Security.RecordMediationRequest(disputeId: "D1", heldOn: fixture.today.adding(days: -4).description, mediator: "王调解"),
                as: Security.Dispute.self)
        }
        #expect(early?.code == .failedPrecondition)
        #expect(try await fixture.count("mediation_sessions") == 0)
    }
}
