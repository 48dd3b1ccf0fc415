import Domain
import EmploymentContract
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@testable import EmploymentKit

/// Zero-employment households (零就业家庭), services delivered, and the street and district
/// roll-ups of the community figures.
@Suite("Zero-employment households, services delivered, street and district roll-ups")
struct HouseholdAndAreaTests {
    static let a = EmploymentFixture.communityA
    static let b = EmploymentFixture.communityB

    func registerMember(_ fixture: EmploymentFixture, _ index: Int, household: String, community: String = a) async throws -> Employment.JobSeeker {
        var request = try fixture.registration(index, community: community)
        request.householdId = household
        return try await fixture.call("RegisterJobSeeker", request)
    }

    func households(_ fixture: EmploymentFixture, pageSize: UInt32 = 0, token: String = "") async throws
        -> Employment.ListZeroEmploymentHouseholdsResponse
    {
        try await fixture.call(
            "ListZeroEmploymentHouseholds", Employment.ListZeroEmploymentHouseholdsRequest(communityCode: Self.a, pageSize: pageSize, pageToken: token))
    }

    func status(_ fixture: EmploymentFixture, _ community: String = a) async throws -> Employment.CommunityStatus {
        try await fixture.call("GetCommunityStatus", Employment.CommunityStatusRequest(communityCode: community))
    }

    @Test("a household whose registered members are all without work is listed; placing one member clears it and counts")
    func zeroEmploymentHousehold() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let father = try await registerMember(fixture, 1, household: "H-0001")
        let mother = try await registerMember(fixture, 2, household: "H-0001")
        fixture.clock.advance(hours: 1)
        let single = try await registerMember(fixture, 3, household: "H-0002")
        _ = try await fixture.register(4)  // no household given: never listed

        let listed = try await households(fixture)
        #expect(listed.households.map(\.householdId) == ["H-0001", "H-0002"])  // longest without work first
        #expect(listed.households.first?.seekerIds == [father.seekerId, mother.seekerId])
        #expect(listed.total == 2 && listed.cleared == 0)
        let page = try await households(fixture, pageSize: 1)
        #expect(page.households.map(\.householdId) == ["H-0001"])
        #expect(try await households(fixture, pageSize: 1, token: page.nextPageToken).households.map(\.householdId) == ["H-0002"])

        let vacancy = try await fixture.postVacancy()
        _ = try await fixture.place(mother.seekerId, into: vacancy.vacancyId)
        let after = try await households(fixture)
        #expect(after.households.map(\.householdId) == ["H-0002"])
        #expect(after.total == 1 && after.cleared == 1)
        let figures = try await status(fixture)
        #expect(figures.zeroEmploymentHouseholds == 1 && figures.householdsCleared == 1 && figures.householdsClearedThisMonth == 1)

        // the single member moves away: the household no longer counts, and was not "cleared"
        _ = try await fixture.withdraw(single.seekerId, .movedAway)
        let gone = try await households(fixture)
        #expect(gone.households.isEmpty && gone.total == 0 && gone.cleared == 1)
        // the placed mother loses her job and comes back; the father still waits: zero again
        fixture.clock.advance(hours: 24 * 3)
        _ = try await registerMember(fixture, 2, household: "H-0001")
        #expect(try await households(fixture).households.map(\.householdId) == ["H-0001"])
    }

    @Test("services delivered are counted per month and community, by kind; a bad day or kind is INVALID_ARGUMENT")
    func servicesDelivered() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let today = LocalDate(fixture.clock.now).description
        for (kind, seekerID) in [
            (Employment.ServiceKind.policyConsultation, ""), (.policyConsultation, seeker.seekerId), (.jobIntroduction, seeker.seekerId),
            (.trainingReferral, ""),
        ] {
            let recorded: Employment.ServiceDelivered = try await fixture.call(
                "RecordService", Employment.RecordServiceRequest(communityCode: Self.a, kind: kind, deliveredOn: today, seekerId: seekerID), roles: "clerk")
            #expect(recorded.serviceId.hasPrefix("D") && recorded.recordedBy == "tester" && recorded.kind == kind)
        }
        _ = try await fixture.call(
            "RecordService", Employment.RecordServiceRequest(communityCode: Self.b, kind: .jobIntroduction, deliveredOn: today),
            as: Employment.ServiceDelivered.self)
        let month: Employment.ServicesDeliveredResponse = try await fixture.call(
            "GetServicesDelivered", Employment.ServicesDeliveredRequest(communityCode: Self.a))
        #expect(month.month == String(today.prefix(7)))
        #expect(month.policyConsultations == 2 && month.jobIntroductions == 1 && month.trainingReferrals == 1)
        let other: Employment.ServicesDeliveredResponse = try await fixture.call(
            "GetServicesDelivered", Employment.ServicesDeliveredRequest(communityCode: Self.a, month: "2026-10"))
        #expect(other.policyConsultations == 0 && other.jobIntroductions == 0)

        for (request, field) in [
            (Employment.RecordServiceRequest(communityCode: Self.a, kind: .unspecified, deliveredOn: today), "kind"),
            (Employment.RecordServiceRequest(communityCode: Self.a, kind: .jobIntroduction, deliveredOn: "2026-12-30"), "delivered_on"),
            (Employment.RecordServiceRequest(communityCode: Self.a, kind: .jobIntroduction, deliveredOn: "2026-09-01"), "delivered_on"),
            (Employment.RecordServiceRequest(communityCode: Self.a, kind: .jobIntroduction, deliveredOn: today, seekerId: "X1"), "seeker_id"),
        ] {
            let error = try #require(
                await refusal { () -> Employment.ServiceDelivered in try await fixture.call("RecordService", request) })
            #expect(error.code == .invalidArgument && error.fields == [field], "\(field)")
        }
        let badMonth = try #require(
            await refusal { () -> Employment.ServicesDeliveredResponse in
                try await fixture.call("GetServicesDelivered", Employment.ServicesDeliveredRequest(communityCode: Self.a, month: "2026-13"))
            })
        #expect(badMonth.fields == ["month"])
    }

    @Test("a street's figures sum its communities; it is unemployment-free only when every community is")
    func streetRollUp() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        _ = try await fixture.register(1, acceptsPromise: false)
        let inB = try await fixture.register(2, community: Self.b, acceptsPromise: false)
        let street = String(Self.a.prefix(9))
        let fresh: Employment.AreaStatus = try await fixture.call("GetAreaStatus", Employment.AreaStatusRequest(areaCode: street))
        #expect(fresh.communities == 2 && fresh.registered == 2 && fresh.waiting == 2)
        #expect(fresh.unemploymentFree && fresh.unemploymentFreeCommunities == 2)
        #expect(fresh.communityStatuses.map(\.communityCode) == [Self.a, Self.b] && !fresh.truncated)

        fixture.clock.advance(hours: 24 * 31)
        let vacancy = try await fixture.postVacancy(community: Self.b)
        _ = try await fixture.place(inB.seekerId, into: vacancy.vacancyId, startDate: LocalDate(fixture.clock.now).description)
        let district: Employment.AreaStatus = try await fixture.call("GetAreaStatus", Employment.AreaStatusRequest(areaCode: String(Self.a.prefix(6))))
        #expect(district.communities == 2 && district.waiting == 1 && district.unemploymentFreeCommunities == 1 && !district.unemploymentFree)

        let elsewhere: Employment.AreaStatus = try await fixture.call("GetAreaStatus", Employment.AreaStatusRequest(areaCode: "110105"))
        #expect(elsewhere.communities == 0 && !elsewhere.unemploymentFree)
        for bad in ["", "33090", "3309020010", "33090200A"] {
            let error = try #require(
                await refusal { () -> Employment.AreaStatus in try await fixture.call("GetAreaStatus", Employment.AreaStatusRequest(areaCode: bad)) })
            #expect(error.fields == ["area_code"])
        }
    }
}
