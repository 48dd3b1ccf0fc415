import AssistanceContract
import Domain
import Testing

@testable import AssistanceKit

@Suite("The case state machine: every action from every state")
struct CaseRulesTests {
    static let states: [Assistance.CaseState] = [.applied, .underNotice, .active, .rejected, .stopped]
    static let expected: [CaseAction: Set<Assistance.CaseState>] = [
        .apply: [], .review: [.applied], .approve: [.underNotice], .reject: [.applied, .underNotice], .periodicReview: [.active], .stop: [.active],
    ]

    @Test("allowed exactly from the states of the table; otherwise an illegal transition naming the state", arguments: CaseAction.allCases)
    func table(action: CaseAction) {
        for state in Self.states {
            let refusal: CaseRefusal? = {
                do throws(CaseRefusal) {
                    try CaseRules.require(action, from: state)
                    return nil
                } catch { return error }
            }()
            if Self.expected[action]!.contains(state) {
                #expect(refusal == nil, "\(action) from \(state)")
            } else {
                #expect(refusal == .illegalTransition(action, from: state), "\(action) from \(state)")
            }
        }
    }

    @Test("the community review: below the standard goes on notice, at or above is rejected with the figures")
    func review() throws {
        let poor = HouseholdMeans(members: 2, totalIncome: Fen(100_000))
        #expect(try CaseRules.review(.applied, means: poor, standard: Fen(98_500)).state == .underNotice)
        let rejected = try CaseRules.review(.applied, means: poor, standard: Fen(50_000))
        #expect(rejected.state == .rejected)
        #expect(rejected.reason.contains("50000") && rejected.reason.contains("50000 fen"))
        #expect(throws: CaseRefusal.illegalTransition(.review, from: .active)) { try CaseRules.review(.active, means: poor, standard: Fen(1)) }
    }

    @Test("notice of 7 days: approval from the 8th day, and only with no open objection")
    func approval() throws {
        let day = try LocalDate(iso: "2026-11-02")
        let notice = CaseRules.notice(from: day, days: 7)
        #expect(notice.end.description == "2026-11-08")
        #expect(throws: CaseRefusal.noticeNotOver(end: notice.end)) {
            try CaseRules.approve(.underNotice, noticeEnd: notice.end, today: notice.end, openObjections: 0)
        }
        #expect(throws: CaseRefusal.openObjections(1)) {
            try CaseRules.approve(.underNotice, noticeEnd: notice.end, today: notice.end.adding(days: 1), openObjections: 1)
        }
        try CaseRules.approve(.underNotice, noticeEnd: notice.end, today: notice.end.adding(days: 1), openObjections: 0)
    }

    @Test("periodic review: stop always; continue only when the amount stays; income at the standard must stop")
    func periodicReview() throws {
        let means = HouseholdMeans(members: 2, totalIncome: Fen(60_000))
        let standard = Fen(98_500)
        let amount = means.monthlyAmount(standard: standard)
        #expect(try CaseRules.periodicReview(.active, decision: .continueUnchanged, nextMeans: means, standard: standard, amountNow: amount) == .active)
        #expect(throws: CaseRefusal.amountChanges(from: Fen(1), to: amount)) {
            try CaseRules.periodicReview(.active, decision: .continueUnchanged, nextMeans: means, standard: standard, amountNow: Fen(1))
        }
        #expect(try CaseRules.periodicReview(.active, decision: .adjustAmount, nextMeans: means, standard: standard, amountNow: Fen(1)) == .active)
        let richer = HouseholdMeans(members: 2, totalIncome: Fen(300_000))
        #expect(throws: CaseRefusal.incomeAtOrAboveStandard(perCapita: Fen(150_000), standard: standard)) {
            try CaseRules.periodicReview(.active, decision: .adjustAmount, nextMeans: richer, standard: standard, amountNow: amount)
        }
        #expect(try CaseRules.periodicReview(.active, decision: .stopAllowance, nextMeans: richer, standard: standard, amountNow: amount) == .stopped)
        #expect(throws: CaseRefusal.illegalTransition(.periodicReview, from: .stopped)) {
            try CaseRules.periodicReview(.stopped, decision: .stopAllowance, nextMeans: means, standard: standard, amountNow: amount)
        }
    }

    @Test("a stopped case is paid for the month it stopped in, not the next")
    func payable() throws {
        let community = try CommunityCode("330902001001")
        var record = AllowanceCaseRecord(
            id: 1, householdID: 1, community: community, grid: try GridCode(community: community, number: 1), state: .active,
            appliedAt: .init(timeIntervalSince1970: 0), firstPaidMonth: try LocalMonth(iso: "2026-09"))
        #expect(!record.isPayable(in: try LocalMonth(iso: "2026-08")))
        #expect(record.isPayable(in: try LocalMonth(iso: "2026-12")))
        record.lastPaidMonth = try LocalMonth(iso: "2026-11")
        #expect(record.isPayable(in: try LocalMonth(iso: "2026-11")))
        #expect(!record.isPayable(in: try LocalMonth(iso: "2026-12")))
    }
}
