import Domain
import Testing
import WireRuntime

@testable import HealthKit

@Suite("Health domain: derived priority groups, schedules, overdue, range checks, control")
struct HealthDomainTests {
    static let today = try! LocalDate(iso: "2026-11-30")

    func groups(born: String, female: Bool = false, policy: HealthPolicy = .init()) throws -> PriorityGroups {
        let number = try ResidentIdentityNumber(try Residents.idNumber(born: born, female: female), today: Self.today)
        return PriorityGroups(idNumber: number, on: Self.today, policy: policy, chronicallyIll: false, disabled: true, poor: false)
    }

    @Test(
        "age groups come from the ID number's birth date and sex, at the boundaries",
        arguments: [
            // born, female, child-bearing, child, elderly
            ("1996-05-01", true, true, false, false),
            ("1996-05-01", false, false, false, false),
            ("2011-11-30", true, true, false, false),  // 15 today
            ("2011-12-01", true, false, false, false),  // 15 tomorrow
            ("1976-12-01", true, true, false, false),  // 49 until tomorrow
            ("1976-11-30", true, false, false, false),  // 50 today
            ("2020-12-01", false, false, true, false),  // 5, 6 tomorrow
            ("2020-11-30", false, false, false, false),  // 6 today
            ("1961-11-30", false, false, false, true),  // 65 today
            ("1961-12-01", false, false, false, false),  // 65 tomorrow
        ])
    func derivedAgeGroups(born: String, female: Bool, childBearing: Bool, child: Bool, elderly: Bool) throws {
        let groups = try groups(born: born, female: female)
        #expect(groups.womanOfChildBearingAge == childBearing)
        #expect(groups.childUnderSix == child)
        #expect(groups.elderly == elderly)
        // recorded groups pass through unchanged
        #expect(groups.disabled && !groups.poor && !groups.chronicallyIll)
    }

    @Test("the age figures are configuration: elderly from 60 makes a 62-year-old elderly")
    func configurableAges() throws {
        var policy = HealthPolicy()
        policy.elderlyFromAge = 60
        #expect(try groups(born: "1964-01-01", policy: policy).elderly)
        #expect(try !groups(born: "1964-01-01").elderly)
    }

    @Test("range checks: each reading outside its range names its field; zero is 'not measured'; diastolic below systolic")
    func ranges() {
        let ranges = MeasurementRanges()
        #expect(ranges.problems(Measurements()).isEmpty)
        #expect(ranges.problems(Measurements(systolic: 135, diastolic: 85, glucoseTenths: 65)).isEmpty)
        #expect(ranges.problems(Measurements(systolic: 59)).map(\.field) == ["systolic_mmhg"])
        #expect(
            ranges.problems(Measurements(systolic: 281, diastolic: 181, glucoseTenths: 334)).map(\.field) == [
                "systolic_mmhg", "diastolic_mmhg", "glucose_tenths",
            ])
        #expect(ranges.problems(Measurements(glucoseTenths: 9)).map(\.field) == ["glucose_tenths"])
        #expect(ranges.problems(Measurements(systolic: 120, diastolic: 120)) == [.diastolicNotBelowSystolic])
        #expect(ranges.problems(Measurements(systolic: 280, diastolic: 30, glucoseTenths: 333)).isEmpty)
    }

    @Test("a programme requires its readings: hypertension blood pressure, diabetes glucose")
    func requiredReadings() {
        let ranges = MeasurementRanges()
        #expect(ranges.problems(Measurements(glucoseTenths: 60), programme: .hypertension).map(\.field) == ["systolic_mmhg", "diastolic_mmhg"])
        #expect(ranges.problems(Measurements(systolic: 130, diastolic: 80), programme: .diabetes).map(\.field) == ["glucose_tenths"])
        #expect(ranges.problems(Measurements(systolic: 130, diastolic: 80), programme: .hypertension).isEmpty)
    }

    @Test("control targets: < 140/90 mmHg for hypertension, < 7.0 mmol/L for diabetes; a missing reading is not controlled")
    func control() {
        #expect(ChronicProgramme.hypertension.isControlled(Measurements(systolic: 139, diastolic: 89)))
        #expect(!ChronicProgramme.hypertension.isControlled(Measurements(systolic: 140, diastolic: 80)))
        #expect(!ChronicProgramme.hypertension.isControlled(Measurements(systolic: 130, diastolic: 90)))
        #expect(ChronicProgramme.diabetes.isControlled(Measurements(glucoseTenths: 69)))
        #expect(!ChronicProgramme.diabetes.isControlled(Measurements(glucoseTenths: 70)))
        #expect(!ChronicProgramme.diabetes.isControlled(Measurements()))
        #expect(ControlRate(enrolled: 5, followedUp: 3, controlled: 2, overdue: 1).perMille == 666)
        #expect(ControlRate(enrolled: 5, followedUp: 0, controlled: 0, overdue: 5).perMille == 0)
    }

    func enrolment(on date: String, interval: Int = 90) throws -> ChronicEnrolment {
        let community = try CommunityCode("330902001001")
        let enrolled = try LocalDate(iso: date)
        return ChronicEnrolment(
            id: 1, recordID: 1, programme: "hypertension", community: community, grid: try GridCode(community: community, number: 1),
            intervalDays: interval, enrolledOn: enrolled, nextDue: FollowUpSchedule(intervalDays: interval).nextDue(after: enrolled), lastFollowUp: nil,
            followUps: 0, lastControlled: false)
    }

    @Test("schedule: due an interval after enrolment, then after each follow-up; a late entry of an older visit does not move it back")
    func schedule() throws {
        let enrolled = try enrolment(on: "2026-01-10")
        #expect(enrolled.nextDue.description == "2026-04-10")
        let first = try enrolled.recordingFollowUp(on: try LocalDate(iso: "2026-04-01"), controlled: true)
        #expect(first.nextDue.description == "2026-06-30" && first.followUps == 1 && first.lastControlled)
        let older = try first.recordingFollowUp(on: try LocalDate(iso: "2026-03-01"), controlled: false)
        #expect(older.nextDue.description == "2026-06-30" && older.followUps == 2 && older.lastControlled)
        #expect(older.lastFollowUp?.description == "2026-04-01")
        #expect(throws: EnrolmentRefusal.followUpBeforeEnrolment(enrolledOn: "2026-01-10")) {
            try enrolled.recordingFollowUp(on: try LocalDate(iso: "2026-01-09"), controlled: true)
        }
    }

    @Test("overdue: from the day after the due date")
    func overdue() throws {
        let due = try LocalDate(iso: "2026-04-10")
        #expect(FollowUpSchedule.daysOverdue(due: due, today: due) == 0)
        #expect(FollowUpSchedule.daysOverdue(due: due, today: due.adding(days: 1)) == 1)
        #expect(FollowUpSchedule.daysOverdue(due: due, today: due.adding(days: -5)) == 0)
    }

    @Test("record access: in scope normal; outside, health staff break the glass and others are refused")
    func access() {
        #expect(RecordAccess(inScope: true, seesClinicalDetails: true) == .normal)
        #expect(RecordAccess(inScope: true, seesClinicalDetails: false) == .normal)
        #expect(RecordAccess(inScope: false, seesClinicalDetails: true) == .breakTheGlass)
        #expect(RecordAccess(inScope: false, seesClinicalDetails: false) == .denied)
    }
}

@Suite("The health office's role × field table")
struct HealthVisibilityTests {
    static let roles = ["clerk", "grid-worker", "employment", "assistance", "health", "security", "auditor", "admin"]

    @Test("diagnoses, notes and measurements for health staff only; identities also for admin; nothing for anyone else", arguments: roles)
    func matrix(role: String) {
        let visibility = HealthVisibility(health: Principal(id: "p", roles: [role]))
        let expected: Set<HealthField> =
            switch role {
            case "health": Set(HealthField.allCases)
            case "admin": [.idNumber, .name]
            default: []
            }
        #expect(visibility.fields == expected)
        #expect(visibility.seesClinicalDetails == (role == "health"))
    }

    @Test("a caller with several roles sees the union")
    func union() {
        #expect(HealthVisibility(health: Principal(id: "p", roles: ["clerk", "admin"])).fields == [.idNumber, .name])
        #expect(HealthVisibility(health: Principal(id: "p", roles: ["clerk", "health"])).seesClinicalDetails)
    }
}
