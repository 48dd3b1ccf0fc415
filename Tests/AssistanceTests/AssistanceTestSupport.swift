import AssistanceContract
import Domain
import Foundation
import Testing
import WireProtocol

@testable import AssistanceKit

/// Test data: valid resident ID numbers and requests with valid defaults.
enum People {
    static let today: LocalDate = { try! LocalDate(year: 2026, month: 1, day: 1) }()

    /// A valid, distinct ID number for every `index` (0...9999).
    static func idNumber(_ index: Int) -> String {
        let birth = (try! LocalDate(year: 1960, month: 3, day: 9)).adding(days: index % 5000)
        return try! ResidentIdentityNumber.make(divisionCode: "330902", birthDate: birth, sequence: 20 + index / 5000, today: today).rawValue
    }

    static func withWrongCheckCharacter(_ valid: String) -> String {
        String(valid.dropLast()) + (valid.last == "1" ? "2" : "1")
    }

    static func member(
        _ index: Int, name: String = "王小明", income: Int64 = 30_000, capacity: Assistance.WorkCapacity = .noWorkCapacity, head: Bool = false,
        ill: Bool = false
    ) -> Assistance.Member {
        Assistance.Member(
            idNumber: idNumber(index), name: name, relation: head ? "户主" : "子女", monthlyIncomeFen: income, workCapacity: capacity,
            seriousIllness: ill, head: head)
    }

    /// A household of `members.count` members, the first the head.
    static func household(
        community: String = AssistanceFixture.communityA, grid: Int = 1, _ members: [Assistance.Member]
    ) -> Assistance.RegisterHouseholdRequest {
        Assistance.RegisterHouseholdRequest(
            communityCode: community, gridCode: community + String(format: "%03d", grid), address: "海滨路 12 号 3 单元 401 室", members: members)
    }
}

extension RPCError {
    /// The fields its violations name, in order.
    var fields: [String] { violations.map(\.field) }
}

extension AssistanceFixture {
    /// Registers a household of `count` members (first is head) starting at person `first`, each
    /// with `income` fen.
    @discardableResult
    func household(
        first: Int, count: Int = 2, income: Int64 = 30_000, capacity: Assistance.WorkCapacity = .noWorkCapacity, grid: Int = 1,
        community: String = AssistanceFixture.communityA
    ) async throws -> Assistance.Household {
        let members = (0..<count).map { People.member(first + $0, income: income, capacity: capacity, head: $0 == 0) }
        return try await call("RegisterHousehold", People.household(community: community, grid: grid, members))
    }

    @discardableResult
    func setStandard(_ fen: Int64, from date: String, community: String = AssistanceFixture.communityA) async throws -> Assistance.Standard {
        try await call("SetStandard", Assistance.SetStandardRequest(communityCode: community, effectiveDate: date, monthlyFen: fen))
    }

    func apply(_ householdID: String) async throws -> Assistance.AllowanceCase {
        try await call("ApplyForAllowance", Assistance.ApplyForAllowanceRequest(householdId: householdID))
    }

    func review(_ caseID: String) async throws -> Assistance.AllowanceCase {
        try await call("ReviewApplication", Assistance.ReviewApplicationRequest(caseId: caseID, note: "入户调查完成"))
    }

    func approve(_ caseID: String) async throws -> Assistance.AllowanceCase {
        try await call("ApproveCase", Assistance.ApproveCaseRequest(caseId: caseID, note: "公示无异议"))
    }

    func getCase(_ caseID: String, roles: String = "assistance") async throws -> Assistance.AllowanceCase {
        try await call("GetCase", Assistance.GetCaseRequest(caseId: caseID), roles: roles)
    }

    /// A household taken from application to active: registered, reviewed, noticed 7 days,
    /// approved (the clock moves 7 days on).
    func activeCase(first: Int, count: Int = 2, income: Int64 = 30_000, grid: Int = 1) async throws -> Assistance.AllowanceCase {
        let household = try await household(first: first, count: count, income: income, grid: grid)
        let applied = try await apply(household.householdId)
        _ = try await review(applied.caseId)
        advance(days: 7)
        return try await approve(applied.caseId)
    }

    func runPayments(_ month: String) async throws -> Assistance.PaymentRun {
        try await call("RunPayments", Assistance.RunPaymentsRequest(month: month))
    }
}
