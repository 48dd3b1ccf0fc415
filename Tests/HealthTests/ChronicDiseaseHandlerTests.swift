import HealthContract
import TestSupport
import Testing
import WireProtocol

@testable import HealthKit

@Suite("Chronic disease management: programmes as data, enrolment, follow-ups, the overdue list, the control rate")
struct ChronicDiseaseHandlerTests {
    @Test("enrolment schedules the first follow-up an interval later and marks the resident chronically ill")
    func enrol() async throws {
        let office = try HealthFixture()
        let record = try await office.create(try Residents.idNumber(born: "1958-04-04"), conditions: [])
        #expect(record.flags?.chronicallyIll == false)
        let enrolment = try await office.enrol(record.recordId, on: "2026-10-01")
        #expect(enrolment.enrolmentId == "C1" && enrolment.intervalDays == 90 && enrolment.nextDue == "2026-12-30")
        #expect(enrolment.gridCode == record.gridCode && enrolment.followUps == 0)
        let read = try await office.call("GetHealthRecord", Health.GetHealthRecordRequest(recordId: record.recordId), as: Health.HealthRecord.self)
        #expect(read.flags?.chronicallyIll == true)
        #expect(office.lastContext.residents.reported == [read.idNumber])

        let twice = await refusal { try await office.enrol(record.recordId, on: "2026-10-02") }
        #expect(twice?.code == .alreadyExists && twice?.fields == ["programme_code"])
        let unknown = await refusal { try await office.enrol(record.recordId, programme: "asthma") }
        #expect(unknown?.code == .notFound && unknown?.fields == ["programme_code"])
        let bad = await refusal { try await office.enrol("X1", programme: "Asthma!", interval: 3, on: "2026-12-01") }
        #expect(bad?.code == .invalidArgument && bad?.fields == ["record_id", "programme_code", "interval_days", "enrolled_on"])
        #expect(try await office.count("enrolments") == 1)
    }

    @Test("follow-ups: readings range-checked naming the field, the programme's readings required, the schedule moved on")
    func followUps() async throws {
        let office = try HealthFixture()
        let record = try await office.create(try Residents.idNumber(born: "1958-04-04"))
        let enrolment = try await office.enrol(record.recordId, interval: 30, on: "2026-09-01")

        let outOfRange = await refusal { try await office.followUp(enrolment.enrolmentId, on: "2026-10-01", systolic: 300, diastolic: 20, glucose: 400) }
        #expect(outOfRange?.code == .invalidArgument && outOfRange?.fields == ["systolic_mmhg", "diastolic_mmhg", "glucose_tenths"])
        let missing = await refusal { try await office.followUp(enrolment.enrolmentId, on: "2026-10-01", glucose: 60) }
        #expect(missing?.code == .invalidArgument && missing?.fields == ["systolic_mmhg", "diastolic_mmhg"])
        let future = await refusal { try await office.followUp(enrolment.enrolmentId, on: "2026-12-01", systolic: 130, diastolic: 80) }
        #expect(future?.code == .invalidArgument && future?.fields == ["date"])
        let early = await refusal { try await office.followUp(enrolment.enrolmentId, on: "2026-08-31", systolic: 130, diastolic: 80) }
        #expect(early?.code == .failedPrecondition && early?.fields == ["date"])
        #expect(try await office.count("follow_ups") == 0)

        let followUp = try await office.followUp(enrolment.enrolmentId, on: "2026-11-20", systolic: 150, diastolic: 95)
        #expect(followUp.followUpId == "F1" && !followUp.controlled && followUp.nextDue == "2026-12-20")
        #expect(followUp.systolicMmhg == 150 && followUp.diastolicMmhg == 95)
        #expect(office.lastContext.residents.reported == [record.idNumber])
        let controlled = try await office.followUp(enrolment.enrolmentId, on: "2026-11-29", systolic: 128, diastolic: 82)
        #expect(controlled.controlled && controlled.nextDue == "2026-12-29")
    }

    @Test("the overdue list of a grid: most overdue first, paged, only past-due enrolments, per programme")
    func overdueList() async throws {
        let office = try HealthFixture()
        var enrolments: [String] = []
        for (serial, enrolled) in ["2026-08-01", "2026-07-01", "2026-11-01"].enumerated() {
            let record = try await office.create(try Residents.idNumber(born: "1950-01-01", serial: serial), grid: 2)
            enrolments.append(try await office.enrol(record.recordId, on: enrolled).enrolmentId)
        }
        let diabetic = try await office.create(try Residents.idNumber(born: "1951-01-01"), grid: 2)
        let diabetes = try await office.enrol(diabetic.recordId, programme: "diabetes", on: "2026-06-01")
        let elsewhere = try await office.create(try Residents.idNumber(born: "1952-01-01"), grid: 3)
        _ = try await office.enrol(elsewhere.recordId, on: "2026-06-01")

        func list(grid: Int? = 2, programme: String = "", pageSize: UInt32 = 50, token: String = "") async throws -> Health.ListOverdueFollowUpsResponse {
            try await office.call(
                "ListOverdueFollowUps",
                Health.ListOverdueFollowUpsRequest(
                    communityCode: HealthFixture.communityA, gridCode: grid.map { Residents.grid($0) } ?? "", programmeCode: programme, pageSize: pageSize,
                    pageToken: token))
        }
        // due 2026-08-30 (diabetes), 2026-09-29, 2026-10-30; the November enrolment is not yet due
        let first = try await list(pageSize: 2)
        #expect(first.overdue.map(\.enrolment?.enrolmentId) == [diabetes.enrolmentId, enrolments[1]])
        #expect(first.overdue.map(\.daysOverdue) == [92, 62])
        #expect(first.overdue.first?.idNumber == diabetic.idNumber)
        let second = try await list(pageSize: 2, token: first.nextPageToken)
        #expect(second.overdue.map(\.enrolment?.enrolmentId) == [enrolments[0]] && second.nextPageToken.isEmpty)
        #expect(try await list(programme: "hypertension").overdue.count == 2)
        #expect(try await list(grid: nil).overdue.count == 4)

        // a follow-up takes the resident off the list
        _ = try await office.followUp(enrolments[1], on: "2026-11-29", systolic: 130, diastolic: 80)
        #expect(try await list().overdue.count == 2)
        let badToken = await refusal { try await list(token: "not-a-token") }
        #expect(badToken?.code == .invalidArgument && badToken?.fields == ["page_token"])
    }

    @Test("control rate per programme: controlled at the last follow-up out of those followed up")
    func controlRate() async throws {
        let office = try HealthFixture()
        let readings: [(UInt32, UInt32)?] = [(130, 80), (150, 85), (135, 88), nil]
        for (serial, reading) in readings.enumerated() {
            let record = try await office.create(try Residents.idNumber(born: "1949-02-02", serial: serial))
            let enrolment = try await office.enrol(record.recordId, on: "2026-10-01")
            if let reading { _ = try await office.followUp(enrolment.enrolmentId, on: "2026-11-15", systolic: reading.0, diastolic: reading.1) }
        }
        let rate = try await office.call(
            "GetProgrammeControlRate", Health.ProgrammeControlRateRequest(programmeCode: "hypertension", communityCode: HealthFixture.communityA),
            as: Health.ProgrammeControlRate.self)
        #expect(rate.enrolled == 4 && rate.followedUp == 3 && rate.controlled == 2 && rate.controlPerMille == 666 && rate.overdue == 0)
        office.advance(days: 31)  // the one never followed up was due 2026-12-30
        let later = try await office.call(
            "GetProgrammeControlRate", Health.ProgrammeControlRateRequest(programmeCode: "hypertension", communityCode: HealthFixture.communityA),
            as: Health.ProgrammeControlRate.self)
        #expect(later.overdue == 1)
        let unknown = await refusal {
            try await office.call(
                "GetProgrammeControlRate", Health.ProgrammeControlRateRequest(programmeCode: "copd", communityCode: HealthFixture.communityA),
                as: Health.ProgrammeControlRate.self)
        }
        #expect(unknown?.code == .notFound)
    }

    @Test("a programme defined as data is used at once; a redefinition replaces it; bad figures name their fields")
    func defineProgramme() async throws {
        let office = try HealthFixture()
        let copd = Health.Programme(code: "copd", name: "慢阻肺 COPD", intervalDays: 180, measuresBloodPressure: true)
        let defined = try await office.call("DefineProgramme", Health.DefineProgrammeRequest(programme: copd), as: Health.Programme.self)
        #expect(defined == copd)
        let record = try await office.create(try Residents.idNumber(born: "1945-05-05"))
        let enrolment = try await office.enrol(record.recordId, programme: "copd", on: "2026-11-01")
        #expect(enrolment.intervalDays == 180 && enrolment.nextDue == "2027-04-30")
        let followUp = try await office.followUp(enrolment.enrolmentId, on: "2026-11-29", systolic: 150, diastolic: 95)
        #expect(followUp.controlled)  // no targets set: nothing to miss

        var stricter = copd
        stricter.controlledSystolicBelow = 140
        #expect(try await office.call("DefineProgramme", Health.DefineProgrammeRequest(programme: stricter), as: Health.Programme.self) == stricter)
        let bad = Health.Programme(code: "X", intervalDays: 1, controlledSystolicBelow: 10)
        let error = await refusal { try await office.call("DefineProgramme", Health.DefineProgrammeRequest(programme: bad), as: Health.Programme.self) }
        #expect(
            error?.fields == ["programme.code", "programme.name", "programme.interval_days", "programme.controlled_systolic_below"])
    }
}
