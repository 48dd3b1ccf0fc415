import AssistanceContract
import Domain
import Foundation
import TestSupport
import Testing
import WireProtocol

@testable import AssistanceKit

@Suite("Grants, special groups, care doorbells, volunteers, pairing and visits")
struct CareHandlerTests {
    static let a = AssistanceFixture.communityA

    @Test("medical and education grants: apply for a member, decide once, never above the request; clerks see no amounts")
    func grants() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let household = try await fixture.household(first: 1)
        let grant: Assistance.Grant = try await fixture.call(
            "ApplyForGrant",
            Assistance.ApplyForGrantRequest(
                householdId: household.householdId, idNumber: People.idNumber(2), kind: .medical, requestedFen: 500_000, purpose: "住院自付费用"),
            principal: "clerk-1", roles: "clerk")
        #expect(grant.grantId.hasPrefix("G") && grant.state == .pending && grant.requestedFen == 0)
        let notMember = try #require(
            await refusal { () -> Assistance.Grant in
                try await fixture.call(
                    "ApplyForGrant",
                    Assistance.ApplyForGrantRequest(
                        householdId: household.householdId, idNumber: People.idNumber(9), kind: .education, requestedFen: 1, purpose: "学费"))
            })
        #expect(notMember.code == .failedPrecondition && notMember.fields == ["id_number"])
        let bad = try #require(
            await refusal { () -> Assistance.Grant in
                try await fixture.call("ApplyForGrant", Assistance.ApplyForGrantRequest(householdId: household.householdId, idNumber: "x", requestedFen: 0))
            })
        #expect(Set(bad.fields) == ["id_number", "kind", "requested_fen", "purpose"])
        let tooMuch = try #require(
            await refusal { () -> Assistance.Grant in
                try await fixture.call(
                    "DecideGrant", Assistance.DecideGrantRequest(grantId: grant.grantId, approve: true, grantedFen: 500_001, reason: "核定"))
            })
        #expect(tooMuch.code == .failedPrecondition && tooMuch.fields == ["granted_fen"])
        let decided: Assistance.Grant = try await fixture.call(
            "DecideGrant", Assistance.DecideGrantRequest(grantId: grant.grantId, approve: true, grantedFen: 300_000, reason: "按比例救助"))
        #expect(decided.state == .approved && decided.grantedFen == 300_000 && decided.decidedBy == "staff-1")
        let twice = try #require(
            await refusal { () -> Assistance.Grant in
                try await fixture.call("DecideGrant", Assistance.DecideGrantRequest(grantId: grant.grantId, approve: false, reason: "x"))
            })
        #expect(twice.code == .failedPrecondition && twice.fields == ["grant_id"])
        let listed: Assistance.ListGrantsResponse = try await fixture.call("ListGrants", Assistance.ListGrantsRequest(communityCode: Self.a, state: .approved))
        #expect(listed.grants.map(\.grantId) == [grant.grantId])
    }

    func registerCare(_ fixture: AssistanceFixture, _ index: Int, grid: Int = 1, doorbell: Bool = true) async throws -> Assistance.SpecialCare {
        try await fixture.call(
            "RegisterSpecialCare",
            Assistance.RegisterSpecialCareRequest(
                idNumber: People.idNumber(index), name: "赵桂英", group: .elderlyAlone, communityCode: Self.a, gridCode: Self.a + String(format: "%03d", grid),
                address: "海滨路 3 号 1 单元 102 室", care: "每周上门助餐", hasDoorbell: doorbell))
    }

    @Test("care doorbells: an alarm from a registered home; not acknowledged within 10 minutes it is escalated")
    func doorbells() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let home = try await registerCare(fixture, 100)
        let quiet = try await registerCare(fixture, 101, grid: 2, doorbell: false)
        let twice = try #require(await refusal { try await registerCare(fixture, 100) })
        #expect(twice.code == .alreadyExists)
        let noBell = try #require(
            await refusal { () -> Assistance.DoorbellAlarm in try await fixture.call("RaiseAlarm", Assistance.RaiseAlarmRequest(careId: quiet.careId)) })
        #expect(noBell.code == .failedPrecondition && noBell.fields == ["care_id"])

        let first: Assistance.DoorbellAlarm = try await fixture.call("RaiseAlarm", Assistance.RaiseAlarmRequest(careId: home.careId))
        #expect(!first.escalated && first.acknowledgedAtMs == 0)
        fixture.clock.set(fixture.clock.now.addingTimeInterval(9 * 60))
        let second: Assistance.DoorbellAlarm = try await fixture.call("RaiseAlarm", Assistance.RaiseAlarmRequest(careId: home.careId))
        var escalated: Assistance.ListAlarmsResponse = try await fixture.call(
            "ListAlarms", Assistance.ListAlarmsRequest(communityCode: Self.a, escalatedOnly: true))
        #expect(escalated.alarms.isEmpty)
        fixture.clock.set(fixture.clock.now.addingTimeInterval(2 * 60))  // 11 minutes after the first
        escalated = try await fixture.call("ListAlarms", Assistance.ListAlarmsRequest(communityCode: Self.a, escalatedOnly: true))
        #expect(escalated.alarms.map(\.alarmId) == [first.alarmId] && escalated.alarms[0].escalated)
        // the grid worker of grid 1 acknowledges the second in time
        let acknowledged: Assistance.DoorbellAlarm = try await fixture.call(
            "AcknowledgeAlarm", Assistance.AcknowledgeAlarmRequest(alarmId: second.alarmId, note: "已上门查看"), principal: "grid-0101",
            roles: "grid-worker", gridScope: Self.a + "001")
        #expect(acknowledged.acknowledgedBy == "grid-0101" && !acknowledged.escalated)
        let again = try #require(
            await refusal { () -> Assistance.DoorbellAlarm in
                try await fixture.call("AcknowledgeAlarm", Assistance.AcknowledgeAlarmRequest(alarmId: second.alarmId))
            })
        #expect(again.code == .failedPrecondition)
        let outside = try #require(
            await refusal { () -> Assistance.DoorbellAlarm in
                try await fixture.call(
                    "AcknowledgeAlarm", Assistance.AcknowledgeAlarmRequest(alarmId: first.alarmId), roles: "grid-worker", gridScope: Self.a + "002")
            })
        #expect(outside.code == .permissionDenied)
        let open: Assistance.ListAlarmsResponse = try await fixture.call("ListAlarms", Assistance.ListAlarmsRequest(communityCode: Self.a))
        #expect(open.alarms.map(\.alarmId) == [first.alarmId])
        let late: Assistance.DoorbellAlarm = try await fixture.call("AcknowledgeAlarm", Assistance.AcknowledgeAlarmRequest(alarmId: first.alarmId))
        #expect(late.escalated)  // acknowledged, but late
        // a grid worker lists their own grid's special groups, names and addresses but not the care
        let listed: Assistance.ListSpecialCareResponse = try await fixture.call(
            "ListSpecialCare", Assistance.ListSpecialCareRequest(communityCode: Self.a, gridCode: Self.a + "001"), roles: "grid-worker",
            gridScope: Self.a + "001")
        #expect(listed.records.map(\.careId) == [home.careId])
        #expect(listed.records[0].name == "赵桂英" && listed.records[0].care.isEmpty && listed.records[0].idNumber.contains("********"))
    }

    @Test("volunteers against the 1% target, pairs, and hardship households without a visit in N days")
    func volunteers() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        try await fixture.setStandard(98_500, from: "2026-01-01")
        let visited = try await fixture.activeCase(first: 1)
        _ = try await fixture.activeCase(first: 10)
        var volunteers: [Assistance.Volunteer] = []
        for index in 0..<3 {
            volunteers.append(
                try await fixture.call(
                    "RegisterVolunteer", Assistance.RegisterVolunteerRequest(idNumber: People.idNumber(200 + index), name: "志愿者", communityCode: Self.a)))
        }
        let duplicate = try #require(
            await refusal { () -> Assistance.Volunteer in
                try await fixture.call(
                    "RegisterVolunteer", Assistance.RegisterVolunteerRequest(idNumber: People.idNumber(200), name: "志愿者", communityCode: Self.a))
            })
        #expect(duplicate.code == .alreadyExists)
        let pairing: Assistance.Pairing = try await fixture.call(
            "PairVolunteer", Assistance.PairVolunteerRequest(volunteerId: volunteers[0].volunteerId, householdId: visited.householdId))
        #expect(pairing.pairingId.hasPrefix("P"))
        let paired = try #require(
            await refusal { () -> Assistance.Pairing in
                try await fixture.call(
                    "PairVolunteer", Assistance.PairVolunteerRequest(volunteerId: volunteers[0].volunteerId, householdId: visited.householdId))
            })
        #expect(paired.code == .alreadyExists)
        let future = try #require(
            await refusal { () -> Assistance.Visit in
                try await fixture.call("LogVisit", Assistance.LogVisitRequest(householdId: visited.householdId, visitedOn: "2027-01-01"))
            })
        #expect(future.fields == ["visited_on"])
        let visit: Assistance.Visit = try await fixture.call(
            "LogVisit",
            Assistance.LogVisitRequest(householdId: visited.householdId, volunteerId: volunteers[0].volunteerId, visitedOn: "2026-11-05", note: "送米面油"))
        #expect(visit.visitId.hasPrefix("W") && visit.volunteerId == volunteers[0].volunteerId)

        // 8,650 residents (the registry): 3 volunteers are 3 per 10,000, short of the 1% target
        let figures: Assistance.CommunityFigures = try await fixture.call("GetCommunityFigures", Assistance.CommunityFiguresRequest(communityCode: Self.a))
        #expect(figures.volunteers == 3 && figures.population == 8650 && figures.volunteersPerTenThousand == 3 && !figures.volunteerTargetMet)
        #expect(figures.pairs == 1 && figures.hardshipHouseholds == 2 && figures.withoutRecentVisit == 1)
        let shortWindow: Assistance.CommunityFigures = try await fixture.call(
            "GetCommunityFigures", Assistance.CommunityFiguresRequest(communityCode: Self.a, noVisitDays: 5))
        #expect(shortWindow.withoutRecentVisit == 2)  // today is 2026-11-16: the visit of 11-05 is older than 5 days
        #expect(CareRules.meetsTarget(volunteers: 87, population: 8650, targetPerTenThousand: 100))
        #expect(!CareRules.meetsTarget(volunteers: 86, population: 8650, targetPerTenThousand: 100))
    }
}
