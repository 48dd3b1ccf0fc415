import Domain
import HealthContract
import TestSupport
import Testing
import WireProtocol

@testable import HealthKit

@Suite("Health records: create, update, get, list; who sees what; break the glass")
struct HealthRecordHandlerTests {
    @Test("a registered and a floating resident get records alike; the age groups are derived, the recorded ones kept")
    func createRegisteredAndFloating() async throws {
        let office = try HealthFixture()
        let mother = try Residents.idNumber(born: "1990-03-01", female: true)
        let grandfather = try Residents.idNumber(born: "1950-07-07")
        let registered = try await office.call(
            "CreateHealthRecord", office.createRequest(mother, conditions: ["妊娠期高血压"], poor: true), as: Health.HealthRecord.self)
        #expect(registered.recordId == "H1" && registered.residence == .registered)
        #expect(registered.flags == Health.PriorityFlags(womanOfChildBearingAge: true, poor: true))
        #expect(registered.age == 36 && registered.idNumber == mother && registered.conditions == ["妊娠期高血压"])
        let floating = try await office.call(
            "CreateHealthRecord", office.createRequest(grandfather, grid: 2, residence: .floating, disabled: true), as: Health.HealthRecord.self)
        #expect(floating.residence == .floating)
        #expect(floating.flags == Health.PriorityFlags(elderly: true, disabled: true))
        // the resident is reported to the audit with the write
        #expect(office.lastContext.residents.reported == [grandfather])

        let again = await refusal { try await office.create(mother) }
        #expect(again?.code == .alreadyExists && again?.fields == ["id_number"])
        #expect(try await office.count("records") == 2)
    }

    @Test("bad input names every bad field and writes nothing")
    func invalid() async throws {
        let office = try HealthFixture()
        let valid = try Residents.idNumber(born: "1980-01-01")
        var request = office.createRequest(String(valid.dropLast()) + (valid.last == "1" ? "2" : "1"))
        request.gridCode = Residents.grid(1, in: HealthFixture.communityB)
        request.residence = .unspecified
        request.conditions = ["", String(repeating: "x", count: 41)]
        let error = await refusal { try await office.call("CreateHealthRecord", request, as: Health.HealthRecord.self) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fields == ["id_number", "grid_code", "residence", "conditions[0]", "conditions[1]"])
        let unknown = await refusal { try await office.create(valid, grid: 9) }
        #expect(unknown?.code == .invalidArgument && unknown?.fields == ["grid_code"])
        #expect(try await office.count("records") == 0)
    }

    @Test("who sees what: health staff see diagnoses and notes; clerk and grid worker only that a record exists and its flags; admin the identity")
    func visibilityMatrix() async throws {
        let office = try HealthFixture()
        let number = try Residents.idNumber(born: "1955-02-02")
        let created = try await office.create(number)
        let request = Health.GetHealthRecordRequest(idNumber: number)
        let nurse = try await office.call("GetHealthRecord", request, as: Health.HealthRecord.self, by: .nurse)
        #expect(nurse.conditions == ["高血压"] && nurse.notes == "BP high at intake" && nurse.clinicalDetailsShown)
        #expect(nurse.idNumber == number && nurse.name == "王芳")
        for caller in [Caller.clerk, .gridWorker([Residents.grid(1)]), .admin] {
            let seen = try await office.call("GetHealthRecord", request, as: Health.HealthRecord.self, by: caller)
            #expect(seen.recordId == created.recordId && seen.flags == nurse.flags && seen.flags?.elderly == true, "\(caller.roles)")
            #expect(seen.conditions.isEmpty && seen.notes.isEmpty && !seen.clinicalDetailsShown, "\(caller.roles)")
            let identity = caller.roles == ["admin"]
            #expect(seen.idNumber == (identity ? number : "330902********" + number.suffix(4)), "\(caller.roles)")
            #expect(seen.name == (identity ? "王芳" : "王*"), "\(caller.roles)")
            #expect(office.lastContext.residents.reported == [number])
        }
        let missing = await refusal {
            try await office.call(
                "GetHealthRecord", Health.GetHealthRecordRequest(idNumber: try Residents.idNumber(born: "1955-02-03")), as: Health.HealthRecord.self,
                by: .clerk)
        }
        #expect(missing?.code == .notFound && missing?.fields == ["id_number"])
        let both = await refusal {
            try await office.call("GetHealthRecord", Health.GetHealthRecordRequest(recordId: "H1", idNumber: number), as: Health.HealthRecord.self)
        }
        #expect(both?.code == .invalidArgument && both?.fields == ["record_id"])
    }

    @Test("health staff outside their grids: refused without a purpose, read and marked for review with one; a grid worker is refused either way")
    func breakTheGlass() async throws {
        let office = try HealthFixture()
        let number = try Residents.idNumber(born: "1970-01-01")
        let record = try await office.create(number, grid: 3)
        let request = Health.GetHealthRecordRequest(recordId: record.recordId)

        let inScope = try await office.call("GetHealthRecord", request, as: Health.HealthRecord.self, by: .nurse(grids: [Residents.grid(3)]))
        #expect(inScope.conditions == ["高血压"] && !office.lastContext.residents.isBreakTheGlass)

        let noPurpose = await refusal {
            try await office.call("GetHealthRecord", request, as: Health.HealthRecord.self, by: .nurse(grids: [Residents.grid(1)]))
        }
        #expect(noPurpose?.code == .permissionDenied && noPurpose?.message.contains("purpose") == true)
        #expect(!office.lastContext.residents.isBreakTheGlass)

        let withPurpose = try await office.call(
            "GetHealthRecord", request, as: Health.HealthRecord.self, by: .nurse(grids: [Residents.grid(1)], purpose: "急诊转诊 emergency referral"))
        #expect(withPurpose.conditions == ["高血压"] && withPurpose.idNumber == number)
        #expect(office.lastContext.residents.isBreakTheGlass && office.lastContext.residents.reported == [number])

        var worker = Caller.gridWorker([Residents.grid(1)])
        worker.purpose = "curious"
        let outside = await refusal { try await office.call("GetHealthRecord", request, as: Health.HealthRecord.self, by: worker) }
        #expect(outside?.code == .permissionDenied && outside?.fields == ["record_id"])
        #expect(!office.lastContext.residents.isBreakTheGlass)
    }

    @Test("update replaces the details, moves the record (and its enrolments) within the community, never to another")
    func update() async throws {
        let office = try HealthFixture()
        let record = try await office.create(try Residents.idNumber(born: "1960-06-06"))
        let enrolment = try await office.enrol(record.recordId)
        var request = Health.UpdateHealthRecordRequest(
            recordId: record.recordId, gridCode: Residents.grid(4), residence: .floating, disabled: true, conditions: ["高血压", "冠心病"], notes: "")
        let updated = try await office.call("UpdateHealthRecord", request, as: Health.HealthRecord.self)
        #expect(updated.gridCode == Residents.grid(4) && updated.residence == .floating && updated.conditions == ["高血压", "冠心病"])
        #expect(updated.flags?.disabled == true && updated.flags?.elderly == true)
        let overdue = try await office.call(
            "ListOverdueFollowUps", Health.ListOverdueFollowUpsRequest(communityCode: HealthFixture.communityA, gridCode: Residents.grid(4)),
            as: Health.ListOverdueFollowUpsResponse.self)
        #expect(overdue.overdue.isEmpty)
        office.advance(days: 91)
        let moved = try await office.call(
            "ListOverdueFollowUps", Health.ListOverdueFollowUpsRequest(communityCode: HealthFixture.communityA, gridCode: Residents.grid(4)),
            as: Health.ListOverdueFollowUpsResponse.self)
        #expect(moved.overdue.map(\.enrolment?.enrolmentId) == [enrolment.enrolmentId])

        request.gridCode = Residents.grid(1, in: HealthFixture.communityB)
        let elsewhere = await refusal { try await office.call("UpdateHealthRecord", request, as: Health.HealthRecord.self) }
        #expect(elsewhere?.code == .invalidArgument && elsewhere?.fields == ["grid_code"])
        request.recordId = "H99"
        request.gridCode = Residents.grid(2)
        let missing = await refusal { try await office.call("UpdateHealthRecord", request, as: Health.HealthRecord.self) }
        #expect(missing?.code == .notFound && missing?.fields == ["record_id"])
    }

    @Test("list by grid pages through every record once; a grid worker must name one of their grids")
    func listByGrid() async throws {
        let office = try HealthFixture()
        for serial in 0..<5 { try await office.create(try Residents.idNumber(born: "1985-01-01", serial: serial), grid: 2) }
        try await office.create(try Residents.idNumber(born: "1985-01-02"), grid: 1)
        var seen: [String] = []
        var token = ""
        repeat {
            let page = try await office.call(
                "ListHealthRecords",
                Health.ListHealthRecordsRequest(communityCode: HealthFixture.communityA, gridCode: Residents.grid(2), pageSize: 2, pageToken: token),
                as: Health.ListHealthRecordsResponse.self, by: .clerk)
            #expect(page.records.allSatisfy { $0.conditions.isEmpty && $0.gridCode == Residents.grid(2) })
            seen += page.records.map(\.recordId)
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(seen == ["H1", "H2", "H3", "H4", "H5"])
        #expect(office.lastContext.residents.reported.count == 1)

        let worker = Caller.gridWorker([Residents.grid(1)])
        let whole = await refusal {
            try await office.call(
                "ListHealthRecords", Health.ListHealthRecordsRequest(communityCode: HealthFixture.communityA), as: Health.ListHealthRecordsResponse.self,
                by: worker)
        }
        #expect(whole?.code == .invalidArgument && whole?.fields == ["grid_code"])
        let other = await refusal {
            try await office.call(
                "ListHealthRecords", Health.ListHealthRecordsRequest(communityCode: HealthFixture.communityA, gridCode: Residents.grid(2)),
                as: Health.ListHealthRecordsResponse.self, by: worker)
        }
        #expect(other?.code == .permissionDenied)
        let own = try await office.call(
            "ListHealthRecords", Health.ListHealthRecordsRequest(communityCode: HealthFixture.communityA, gridCode: Residents.grid(1)),
            as: Health.ListHealthRecordsResponse.self, by: worker)
        #expect(own.records.map(\.recordId) == ["H6"])
    }

    @Test("the same idempotency key twice creates one record and replays it")
    func idempotent() async throws {
        let office = try HealthFixture()
        var caller = Caller.nurse
        caller.idempotencyKey = "create-1"
        let request = office.createRequest(try Residents.idNumber(born: "1999-09-09"))
        let first = try await office.call("CreateHealthRecord", request, as: Health.HealthRecord.self, by: caller)
        let second = try await office.call("CreateHealthRecord", request, as: Health.HealthRecord.self, by: caller)
        #expect(first == second)
        #expect(try await office.count("records") == 1)
    }
}
