import AssistanceContract
import Domain
import Foundation
import TestSupport
import Testing
import WireProtocol

@testable import AssistanceKit

@Suite("Households (户): register, get, list, member changes, visibility by role, grid scope")
struct HouseholdHandlerTests {
    static let a = AssistanceFixture.communityA

    @Test("register, then get by id and by a member's ID number; staff see everything; every member is reported to the audit")
    func registerAndGet() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let request = People.household(
            grid: 2, [People.member(1, name: "张三丰", income: 50_000, head: true), People.member(2, income: 21_001, capacity: .partialWorkCapacity)])
        let (registered, reported): (Assistance.Household, [String]) = try await fixture.callReporting("RegisterHousehold", request)
        #expect(registered.householdId.hasPrefix("H"))
        #expect(registered.gridCode == Self.a + "002")
        #expect(registered.members.map(\.idNumber) == [People.idNumber(1), People.idNumber(2)])
        #expect(registered.members.map(\.head) == [true, false])
        #expect(registered.totalIncomeFen == 71_001)
        #expect(registered.perCapitaIncomeFen == 35_500)
        #expect(registered.category == .partialOrIll)
        #expect(!registered.meansHidden)
        #expect(Set(reported) == [People.idNumber(1), People.idNumber(2)])

        let byID: Assistance.Household = try await fixture.call("GetHousehold", Assistance.GetHouseholdRequest(householdId: registered.householdId))
        #expect(byID == registered)
        let byMember: Assistance.Household = try await fixture.call("GetHousehold", Assistance.GetHouseholdRequest(idNumber: People.idNumber(2)))
        #expect(byMember == registered)
        // the payment run's means count from the month of registration
        #expect(try await fixture.count("household_means", where: "from_month = '2026-11' AND members = 2 AND income_fen = 71001") == 1)
    }

    @Test(
        "the role × field table: staff everything, clerks who and where, grid workers names and addresses, others nothing",
        arguments: [
            ("assistance", true, true, true, true), ("clerk", true, true, true, false), ("grid-worker", false, true, true, false),
            ("health", false, false, false, false), ("", false, false, false, false),
        ])
    func visibility(roles: String, idNumber: Bool, name: Bool, address: Bool, means: Bool) async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let household = try await fixture.household(first: 10, income: 40_000)
        let got: Assistance.Household = try await fixture.call(
            "GetHousehold", Assistance.GetHouseholdRequest(householdId: household.householdId), roles: roles, gridScope: Self.a + "001")
        let id = People.idNumber(10)
        #expect(got.members[0].idNumber == (idNumber ? id : String(id.prefix(6)) + "********" + String(id.suffix(4))))
        #expect(got.members[0].name == (name ? "王小明" : "王**"))
        #expect(got.address == (address ? "海滨路 12 号 3 单元 401 室" : "海滨路 12…"))
        #expect(got.meansHidden == !means)
        #expect(got.totalIncomeFen == (means ? 80_000 : 0))
        #expect(got.members[0].monthlyIncomeFen == (means ? 40_000 : 0))
    }

    @Test("a grid worker reads and lists the households of their own grids only")
    func gridScope() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let inside = try await fixture.household(first: 20, grid: 1)
        let outside = try await fixture.household(first: 30, grid: 2)
        let scope = Self.a + "001"
        let got: Assistance.Household = try await fixture.call(
            "GetHousehold", Assistance.GetHouseholdRequest(householdId: inside.householdId), roles: "grid-worker", gridScope: scope)
        #expect(got.householdId == inside.householdId)
        let refused = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call(
                    "GetHousehold", Assistance.GetHouseholdRequest(householdId: outside.householdId), roles: "grid-worker", gridScope: scope)
            })
        #expect(refused.code == .permissionDenied)
        let noGrid = try #require(
            await refusal { () -> Assistance.ListHouseholdsResponse in
                try await fixture.call("ListHouseholds", Assistance.ListHouseholdsRequest(communityCode: Self.a), roles: "grid-worker", gridScope: scope)
            })
        #expect(noGrid.code == .invalidArgument && noGrid.fields == ["grid_code"])
        let listed: Assistance.ListHouseholdsResponse = try await fixture.call(
            "ListHouseholds", Assistance.ListHouseholdsRequest(communityCode: Self.a, gridCode: scope), roles: "grid-worker", gridScope: scope)
        #expect(listed.households.map(\.householdId) == [inside.householdId])
        // staff list the community, a page at a time
        let first: Assistance.ListHouseholdsResponse = try await fixture.call(
            "ListHouseholds", Assistance.ListHouseholdsRequest(communityCode: Self.a, pageSize: 1))
        #expect(first.households.map(\.householdId) == [inside.householdId] && !first.nextPageToken.isEmpty)
        let second: Assistance.ListHouseholdsResponse = try await fixture.call(
            "ListHouseholds", Assistance.ListHouseholdsRequest(communityCode: Self.a, pageSize: 1, pageToken: first.nextPageToken))
        #expect(second.households.map(\.householdId) == [outside.householdId] && second.nextPageToken.isEmpty)
    }

    @Test("bad registrations name every bad field; nothing is written")
    func badInput() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        var wrongCheck = People.member(1, head: true)
        wrongCheck.idNumber = People.withWrongCheckCharacter(wrongCheck.idNumber)
        var negative = People.member(2)
        negative.monthlyIncomeFen = -1
        negative.workCapacity = .unspecified
        let request = Assistance.RegisterHouseholdRequest(
            communityCode: Self.a, gridCode: "330902001002001", address: "", members: [wrongCheck, negative, People.member(2)])
        let error = try #require(await refusal { () -> Assistance.Household in try await fixture.call("RegisterHousehold", request) })
        #expect(error.code == .invalidArgument)
        #expect(
            Set(error.fields)
                == ["grid_code", "address", "members[0].id_number", "members[1].monthly_income_fen", "members[1].work_capacity", "members[2].id_number"])
        let noHead = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call("RegisterHousehold", People.household([People.member(3), People.member(4)]))
            })
        #expect(noHead.fields == ["members"])
        let unknown = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call("RegisterHousehold", People.household(community: "330902001009", [People.member(5, head: true)]))
            })
        #expect(unknown.code == .invalidArgument && unknown.fields.contains("community_code"))
        #expect(try await fixture.count("households") == 0)
        #expect(try await fixture.count("members") == 0)
    }

    @Test("a resident belongs to one household: a second registration is ALREADY_EXISTS naming the member")
    func oneHousehold() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.household(first: 40)
        let error = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call("RegisterHousehold", People.household([People.member(50, head: true), People.member(41)]))
            })
        #expect(error.code == .alreadyExists && error.fields == ["members[1].id_number"])
        #expect(!error.message.contains(People.idNumber(41)))
        #expect(try await fixture.count("households") == 1)
    }

    @Test("members join and leave, incomes are reported: the means change from the next month, every change recorded")
    func changes() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let household = try await fixture.household(first: 60, count: 2, income: 30_000)
        let id = household.householdId
        let added: Assistance.Household = try await fixture.call(
            "AddMember", Assistance.AddMemberRequest(householdId: id, member: People.member(62, income: 0)))
        #expect(added.members.count == 3)
        let reported: Assistance.Household = try await fixture.call(
            "ReportIncome",
            Assistance.ReportIncomeRequest(householdId: id, idNumber: People.idNumber(61), monthlyIncomeFen: 90_000, workCapacity: .fullWorkCapacity))
        #expect(reported.totalIncomeFen == 120_000 && reported.category == .ableBodied)
        // the head leaves (death): another member must take over
        let noSuccessor = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call("RemoveMember", Assistance.RemoveMemberRequest(householdId: id, idNumber: People.idNumber(60), reason: "死亡"))
            })
        #expect(noSuccessor.code == .failedPrecondition && noSuccessor.fields == ["new_head_id_number"])
        let removed: Assistance.Household = try await fixture.call(
            "RemoveMember",
            Assistance.RemoveMemberRequest(householdId: id, idNumber: People.idNumber(60), reason: "死亡", newHeadIdNumber: People.idNumber(61)))
        #expect(removed.members.map(\.idNumber) == [People.idNumber(61), People.idNumber(62)])
        #expect(removed.members[0].head)
        // this month keeps the registration's means; the next month has the changes
        #expect(try await fixture.count("household_means", where: "from_month = '2026-11' AND members = 2 AND income_fen = 60000") == 1)
        #expect(try await fixture.count("household_means", where: "from_month = '2026-12' AND members = 2 AND income_fen = 90000") == 1)
        #expect(try await fixture.count("member_changes", where: "change IN ('join', 'income', 'leave') AND actor = 'staff-1'") == 3)
        let notMember = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call(
                    "ReportIncome",
                    Assistance.ReportIncomeRequest(householdId: id, idNumber: People.idNumber(99), monthlyIncomeFen: 1, workCapacity: .fullWorkCapacity))
            })
        #expect(notMember.code == .failedPrecondition && notMember.fields == ["id_number"])
        let unknown = try #require(
            await refusal { () -> Assistance.Household in
                try await fixture.call("AddMember", Assistance.AddMemberRequest(householdId: "H999", member: People.member(70)))
            })
        #expect(unknown.code == .notFound && unknown.fields == ["household_id"])
    }

    @Test("an idempotency key repeated by the same principal registers once and replays the reply")
    func idempotent() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let request = People.household([People.member(80, head: true)])
        let first: Assistance.Household = try await fixture.call("RegisterHousehold", request, idempotencyKey: "reg-80")
        let again: Assistance.Household = try await fixture.call("RegisterHousehold", request, idempotencyKey: "reg-80")
        #expect(first == again)
        #expect(try await fixture.count("households") == 1)
    }
}
