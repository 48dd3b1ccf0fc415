import Domain
import Foundation
import SecurityContract
import SecurityKit
import TestSupport
import Testing
import WireProtocol

@Suite("Community police offices (社区警务室) and officers: 1–2 by size, one office per officer, the unstaffed communities")
struct PoliceOfficeTests {
    static let a = SecurityFixture.communityA  // 3,200 households: two officers
    static let b = SecurityFixture.communityB  // 2,800 households: one officer

    static func open(_ fixture: SecurityFixture, _ community: String) async throws -> Security.PoliceOffice {
        try await fixture.call("OpenPoliceOffice", Security.OpenPoliceOfficeRequest(communityCode: community, address: "社区服务中心 1 楼", phone: "0580-2020110"))
    }

    static func assign(_ fixture: SecurityFixture, _ community: String, _ officer: String) async throws -> Security.PoliceOffice {
        try await fixture.call("AssignOfficer", Security.AssignOfficerRequest(communityCode: community, officerId: officer, name: "李建国", phone: "0580-1"))
    }

    @Test("officers a community calls for: two from the policy's household figure, one below it")
    func required() {
        var policy = SecurityPolicy()
        #expect(policy.requiredOfficers(households: 2999) == 1)
        #expect(policy.requiredOfficers(households: 3000) == 2)
        policy.twoOfficersFromHouseholds = 5000
        #expect(policy.requiredOfficers(households: 4100) == 1)
    }

    @Test("open an office, assign officers up to two; staffed once the size's number is reached")
    func staffing() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let opened = try await Self.open(fixture, Self.a)
        #expect(opened.requiredOfficers == 2 && !opened.staffed && opened.officers.isEmpty)
        #expect(try await Self.assign(fixture, Self.a, "PO-001").officers.map(\.officerId) == ["PO-001"])
        let two = try await Self.assign(fixture, Self.a, "PO-002")
        #expect(two.staffed && two.officers.count == 2 && two.officers.first?.assignedOn == fixture.today.description)
        let third = await refusal { try await Self.assign(fixture, Self.a, "PO-003") }
        #expect(third?.code == .failedPrecondition)
        let twice = await refusal { try await Self.open(fixture, Self.a) }
        #expect(twice?.code == .alreadyExists && twice?.fields == ["community_code"])
        _ = try await Self.open(fixture, Self.b)
        let elsewhere = await refusal { try await Self.assign(fixture, Self.b, "PO-001") }
        #expect(elsewhere?.code == .failedPrecondition && elsewhere?.fields == ["officer_id"])
        let removed: Security.PoliceOffice = try await fixture.call(
            "RemoveOfficer", Security.RemoveOfficerRequest(communityCode: Self.a, officerId: "PO-001"))
        #expect(removed.officers.map(\.officerId) == ["PO-002"] && !removed.staffed)
        let notThere = await refusal {
            try await fixture.call("RemoveOfficer", Security.RemoveOfficerRequest(communityCode: Self.a, officerId: "PO-001"), as: Security.PoliceOffice.self)
        }
        #expect(notThere?.code == .notFound)
        let got: Security.PoliceOffice = try await fixture.call("GetPoliceOffice", Security.GetPoliceOfficeRequest(communityCode: Self.a), caller: .clerk)
        #expect(got.officers.count == 1 && got.address == "社区服务中心 1 楼")
    }

    @Test("the unstaffed communities: no office, or fewer officers than the size calls for")
    func unstaffed() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        _ = try await Self.open(fixture, Self.a)
        _ = try await Self.assign(fixture, Self.a, "PO-001")
        _ = try await Self.open(fixture, Self.b)
        _ = try await Self.assign(fixture, Self.b, "PO-010")
        let listed: Security.ListUnstaffedCommunitiesResponse = try await fixture.call(
            "ListUnstaffedCommunities", Security.ListUnstaffedCommunitiesRequest())
        #expect(listed.communities.map(\.communityCode) == [Self.a, "330902001003"])
        #expect(listed.communities.map(\.officers) == [1, 0] && listed.communities.map(\.requiredOfficers) == [2, 2])
        #expect(listed.communities.map(\.hasOffice) == [true, false])
    }

    @Test("bad input names the fields; an office of a community unknown to the registry or not opened is refused")
    func refusals() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let bad = await refusal {
            try await fixture.call(
                "AssignOfficer", Security.AssignOfficerRequest(communityCode: "33090200100", officerId: "PO 1", name: ""), as: Security.PoliceOffice.self)
        }
        #expect(bad?.code == .invalidArgument && bad?.fields == ["community_code", "officer_id", "name"])
        let unknown = await refusal {
            try await fixture.call(
                "OpenPoliceOffice", Security.OpenPoliceOfficeRequest(communityCode: "330902001009", address: "x"), as: Security.PoliceOffice.self)
        }
        #expect(unknown?.code == .invalidArgument && unknown?.fields == ["community_code"])
        let none = await refusal { try await Self.assign(fixture, Self.b, "PO-1") }
        #expect(none?.code == .notFound && none?.fields == ["community_code"])
    }
}
