import AssistanceContract
import Domain
import Foundation
import GRDB
import Storage
import TestSupport
import Testing
import WireProtocol

@testable import AssistanceKit

@Suite("The monthly payment run (救济金发放): once per household and month, totals per community, reconciliation, the payment list")
struct PaymentRunTests {
    static let a = AssistanceFixture.communityA
    static let b = AssistanceFixture.communityB

    /// Payments per case for a month (case row → count).
    func paymentsPerCase(_ fixture: AssistanceFixture, month: String) async throws -> [Int64: Int] {
        try await fixture.database.read { db in
            var counts: [Int64: Int] = [:]
            for row in try GRDB.Row.fetchAll(db, sql: "SELECT case_id, COUNT(*) FROM payments WHERE month = ? GROUP BY case_id", arguments: [month]) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    @Test("run twice: the same payments, nobody paid twice; totals per community")
    func runTwice() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        try await fixture.setStandard(90_000, from: "2026-01-01", community: Self.b)
        _ = try await fixture.activeCase(first: 1, count: 3, income: 33_000)  // (98500 − 33000) × 3 = 196500
        _ = try await fixture.activeCase(first: 10, count: 1, income: 0)  // 98500
        let other = try await fixture.household(first: 20, count: 2, income: 10_000, community: Self.b)
        let applied = try await fixture.apply(other.householdId)
        _ = try await fixture.review(applied.caseId)
        fixture.advance(days: 7)
        _ = try await fixture.approve(applied.caseId)  // (90000 − 10000) × 2 = 160000
        let pending = try await fixture.household(first: 30)
        _ = try await fixture.apply(pending.householdId)  // not approved: not paid

        let first = try await fixture.runPayments("2026-11")
        #expect(first.householdsPaid == 3)
        #expect(first.totalFen == 196_500 + 98_500 + 160_000)
        #expect(first.communities.map(\.communityCode) == [Self.a, Self.b])
        #expect(first.communities.map(\.households) == [2, 1])
        #expect(first.communities.map(\.totalFen) == [295_000, 160_000])
        #expect(first.completedAtMs > 0)
        let second = try await fixture.runPayments("2026-11")
        #expect(second.householdsPaid == first.householdsPaid && second.totalFen == first.totalFen && second.communities == first.communities)
        #expect(try await paymentsPerCase(fixture, month: "2026-11").values.allSatisfy { $0 == 1 })
        #expect(try await fixture.count("payments") == 3)
        // October: nobody was approved yet
        #expect(try await fixture.runPayments("2026-10").householdsPaid == 0)
        let bad = try #require(await refusal { try await fixture.runPayments("2026-13") })
        #expect(bad.code == .invalidArgument && bad.fields == ["month"])
    }

    @Test("a crash between batches: the re-run completes, every household paid exactly once", arguments: [1, 2, 5])
    func crashBetweenBatches(batchesBeforeCrash: Int) async throws {
        var policy = AssistancePolicy()
        policy.paymentBatchSize = 3
        let fixture = try AssistanceFixture(policy: policy)
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        try await DemoData.seed(
            into: fixture.database, communities: [try CommunityCode(Self.a), try CommunityCode(Self.b)], households: 40, now: fixture.clock.now)
        let payable = try await fixture.count("cases", where: "first_paid_month <= '2026-11'")
        #expect(payable == 28)
        // The process "dies" after some batches (each committed), then the run is asked again.
        let runner = PaymentRunner(database: fixture.database, batchSize: 3, now: { fixture.clock.now })
        let month = try LocalMonth(iso: "2026-11")
        #expect(try await runner.run(month, maxBatches: batchesBeforeCrash) == false)
        let partial = try await fixture.count("payments")
        #expect(partial == min(payable, batchesBeforeCrash * 3))
        let run = try await fixture.runPayments("2026-11")
        #expect(Int(run.householdsPaid) == payable)
        let perCase = try await paymentsPerCase(fixture, month: "2026-11")
        #expect(perCase.count == payable && perCase.values.allSatisfy { $0 == 1 })
        let again = try await fixture.runPayments("2026-11")
        #expect(again.totalFen == run.totalFen && again.householdsPaid == run.householdsPaid)
        // The totals reconcile with the payments themselves.
        let summed = try await fixture.database.read { db in try Int64.fetchOne(db, sql: "SELECT SUM(amount_fen) FROM payments") ?? 0 }
        #expect(summed == run.totalFen)
    }

    @Test("a household stopped mid-month is paid for that month, not the next; a new case counts from its approval month")
    func stopMidMonth() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let stopping = try await fixture.activeCase(first: 1)
        let staying = try await fixture.activeCase(first: 10)
        try fixture.set("2026-12-15")
        let stopped: Assistance.AllowanceCase = try await fixture.call("StopCase", Assistance.StopCaseRequest(caseId: stopping.caseId, reason: "迁出本市"))
        #expect(stopped.lastPaidMonth == "2026-12")
        let newcomer = try await fixture.activeCase(first: 20)  // approved 2026-12-22
        #expect(newcomer.firstPaidMonth == "2026-12")
        let december = try await fixture.runPayments("2026-12")
        #expect(december.householdsPaid == 3)
        let january = try await fixture.runPayments("2027-01")
        #expect(january.householdsPaid == 2)
        let paidInJanuary = try await paymentsPerCase(fixture, month: "2027-01").keys.sorted()
        #expect(paidInJanuary.map { "C\($0)" } == [staying.caseId, newcomer.caseId])
        let reconciliation: Assistance.Reconciliation = try await fixture.call(
            "GetReconciliation", Assistance.GetReconciliationRequest(month: "2026-12", communityCode: Self.a))
        #expect(reconciliation.householdsPaid == 3 && reconciliation.totalFen == december.totalFen)
        #expect(reconciliation.stopped == 1 && reconciliation.newCases == 1)
        let illegal = try #require(
            await refusal { () -> Assistance.AllowanceCase in
                try await fixture.call("StopCase", Assistance.StopCaseRequest(caseId: stopping.caseId, reason: "again"))
            })
        #expect(illegal.code == .failedPrecondition && illegal.message.contains("STOPPED"))
    }

    @Test("changes that matter to money: members and incomes from the next month, a new standard from its month")
    func changesFromNextMonth() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        try await fixture.setStandard(102_000, from: "2027-01-20")
        let active = try await fixture.activeCase(first: 1, count: 2, income: 30_000)  // 2 × 68,500
        try fixture.set("2026-11-20")
        _ = try await fixture.call(
            "AddMember", Assistance.AddMemberRequest(householdId: active.householdId, member: People.member(3, income: 0)), as: Assistance.Household.self)
        #expect(try await fixture.runPayments("2026-11").totalFen == 137_000)  // November keeps two members
        // December: three members, 60,000 fen income → per-capita 20,000 → 3 × 78,500
        #expect(try await fixture.runPayments("2026-12").totalFen == 235_500)
        // January: the standard of 2027-01-20 counts for the whole month → 3 × 82,000
        #expect(try await fixture.runPayments("2027-01").totalFen == 246_000)
        let december = try await fixture.database.read { db in
            try GRDB.Row.fetchOne(db, sql: "SELECT members, per_capita_fen, standard_fen FROM payments WHERE month = '2026-12'").map {
                [$0[0], $0[1], $0[2]] as [Int64]
            }
        }
        #expect(december == [3, 20_000, 98_500])
        let standards: Assistance.ListStandardsResponse = try await fixture.call(
            "ListStandards", Assistance.ListStandardsRequest(communityCode: Self.a, pageSize: 1))
        #expect(standards.standards.map(\.effectiveDate) == ["2027-01-20"])
        let older: Assistance.ListStandardsResponse = try await fixture.call(
            "ListStandards", Assistance.ListStandardsRequest(communityCode: Self.a, pageSize: 1, pageToken: standards.nextPageToken))
        #expect(older.standards.map(\.monthlyFen) == [98_500] && older.nextPageToken.isEmpty)
    }

    @Test("the payment list for the finance office: CSV with masked ID numbers and names; its pages add up to the run")
    func paymentList() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        for first in [1, 10, 20] { _ = try await fixture.activeCase(first: first, count: 2, income: Int64(first) * 1000) }
        let run = try await fixture.runPayments("2026-11")
        var total: Int64 = 0
        var lines: [String] = []
        var token = ""
        var reported: [String] = []
        repeat {
            let (page, residents): (Assistance.PaymentList, [String]) = try await fixture.callReporting(
                "ExportPaymentList", Assistance.ExportPaymentListRequest(month: "2026-11", communityCode: Self.a, pageSize: 2, pageToken: token))
            let rows = page.csv.split(separator: "\r\n").map(String.init)
            #expect(rows.first == "payment_id,case_id,household_id,head_id_number,head_name,members,amount_fen")
            #expect(rows.count == Int(page.rows) + 1)
            lines += rows.dropFirst()
            total += page.pageTotalFen
            reported += residents
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(lines.count == 3)
        #expect(total == run.totalFen)
        #expect(lines.map { Int64($0.split(separator: ",").last!)! }.reduce(0, +) == run.totalFen)
        let id = People.idNumber(1)
        #expect(lines[0].contains(String(id.prefix(6)) + "********" + String(id.suffix(4))) && lines[0].contains(",王*,"))
        #expect(!lines.joined().contains(id))
        #expect(Set(reported) == Set([1, 10, 20].map(People.idNumber)))
    }
}
