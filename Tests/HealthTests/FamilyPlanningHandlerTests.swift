import Domain
import HealthContract
import TestSupport
import Testing
import WireProtocol

@testable import HealthKit

@Suite("Family planning (计划生育): registered and floating alike, births, contraceptives, visits and the overdue list")
struct FamilyPlanningHandlerTests {
    func record(_ office: HealthFixture, born: String, serial: Int = 0, residence: Health.ResidenceKind, grid: Int = 1) async throws -> Health.HealthRecord {
        var request = office.createRequest(try Residents.idNumber(born: born, female: true, serial: serial), grid: grid, residence: residence)
        request.conditions = []
        return try await office.call("CreateHealthRecord", request)
    }

    func register(_ office: HealthFixture, _ recordID: String, on date: String = "", interval: UInt32 = 0) async throws -> Health.FamilyPlanningFile {
        try await office.call(
            "RegisterFamilyPlanning",
            Health.RegisterFamilyPlanningRequest(recordId: recordID, contraceptiveMethod: "IUD", visitIntervalDays: interval, registeredOn: date))
    }

    @Test("a floating resident's file is made exactly like a registered one's; one file per resident")
    func registeredAndFloatingAlike() async throws {
        let office = try HealthFixture()
        let local = try await record(office, born: "1995-01-01", residence: .registered)
        let migrant = try await record(office, born: "1995-01-01", serial: 1, residence: .floating)
        let localFile = try await register(office, local.recordId, on: "2026-11-01")
        let migrantFile = try await register(office, migrant.recordId, on: "2026-11-01")
        #expect(localFile.residence == .registered && migrantFile.residence == .floating)
        var comparable = migrantFile
        comparable.fileId = localFile.fileId
        comparable.recordId = localFile.recordId
        comparable.residence = localFile.residence
        #expect(comparable == localFile)
        #expect(localFile.nextVisitDue == "2027-01-30" && localFile.visitIntervalDays == 90 && localFile.contraceptiveMethod == "IUD")
        #expect(office.lastContext.residents.reported == [migrant.idNumber])
        let twice = await refusal { try await register(office, local.recordId) }
        #expect(twice?.code == .alreadyExists && twice?.fields == ["record_id"])
        let bad = await refusal { try await register(office, "P1", on: "2099-01-01", interval: 2) }
        #expect(bad?.code == .invalidArgument && bad?.fields == ["record_id", "visit_interval_days", "registered_on"])
    }

    @Test("births are numbered in order; contraceptives are recorded with item, quantity and date; bad input names its fields")
    func birthsAndContraceptives() async throws {
        let office = try HealthFixture()
        let mother = try await record(office, born: "1992-03-03", residence: .floating)
        let file = try await register(office, mother.recordId)
        let first = try await office.call(
            "RecordBirth", Health.RecordBirthRequest(fileId: file.fileId, birthDate: "2024-05-01", sex: .girl), as: Health.Birth.self)
        let second = try await office.call(
            "RecordBirth", Health.RecordBirthRequest(fileId: file.fileId, birthDate: "2026-11-20", sex: .boy), as: Health.Birth.self)
        #expect(first.birthOrder == 1 && second.birthOrder == 2 && second.birthId == "N2" && second.sex == .boy)
        #expect(office.lastContext.residents.reported == [mother.idNumber])
        let badBirth = await refusal {
            try await office.call("RecordBirth", Health.RecordBirthRequest(fileId: file.fileId, birthDate: "2027-01-01"), as: Health.Birth.self)
        }
        #expect(badBirth?.code == .invalidArgument && badBirth?.fields == ["birth_date", "sex"])

        let handed = try await office.call(
            "RecordContraceptiveDistribution",
            Health.RecordContraceptiveDistributionRequest(fileId: file.fileId, item: "避孕套 condoms", quantity: 24, date: "2026-11-29"),
            as: Health.ContraceptiveDistribution.self)
        #expect(handed.distributionId == "D1" && handed.quantity == 24 && handed.item == "避孕套 condoms" && handed.date == "2026-11-29")
        let badHanded = await refusal {
            try await office.call(
                "RecordContraceptiveDistribution", Health.RecordContraceptiveDistributionRequest(fileId: "P9", quantity: 0, date: "x"),
                as: Health.ContraceptiveDistribution.self)
        }
        #expect(badHanded?.code == .invalidArgument && badHanded?.fields == ["item", "quantity", "date"])
        let missing = await refusal {
            try await office.call(
                "RecordContraceptiveDistribution", Health.RecordContraceptiveDistributionRequest(fileId: "P9", item: "pills", quantity: 1, date: "2026-11-29"),
                as: Health.ContraceptiveDistribution.self)
        }
        #expect(missing?.code == .notFound && missing?.fields == ["file_id"])
        #expect(try await office.count("contraceptive_distributions") == 1)
    }

    @Test("visits move the schedule; the overdue list shows files past due, most overdue first, per grid")
    func visitsAndOverdue() async throws {
        let office = try HealthFixture()
        var files: [Health.FamilyPlanningFile] = []
        for (serial, registered) in ["2026-06-01", "2026-05-01", "2026-11-01"].enumerated() {
            let resident = try await record(office, born: "1990-01-01", serial: serial, residence: serial == 1 ? .floating : .registered, grid: 2)
            files.append(try await register(office, resident.recordId, on: registered))
        }
        func overdue(grid: Int = 2, token: String = "") async throws -> Health.ListOverdueFamilyPlanningVisitsResponse {
            try await office.call(
                "ListOverdueFamilyPlanningVisits",
                Health.ListOverdueFamilyPlanningVisitsRequest(
                    communityCode: HealthFixture.communityA, gridCode: Residents.grid(grid), pageSize: 1, pageToken: token))
        }
        let first = try await overdue()
        #expect(first.overdue.map(\.file?.fileId) == [files[1].fileId] && first.overdue.first?.daysOverdue == 123)
        let second = try await overdue(token: first.nextPageToken)
        #expect(second.overdue.map(\.file?.fileId) == [files[0].fileId] && second.nextPageToken.isEmpty)
        #expect(try await overdue(grid: 1).overdue.isEmpty)

        let visited = try await office.call(
            "RecordFamilyPlanningVisit", Health.RecordFamilyPlanningVisitRequest(fileId: files[1].fileId, date: "2026-11-28", notes: "政策咨询"),
            as: Health.FamilyPlanningFile.self)
        #expect(visited.visits == 1 && visited.lastVisit == "2026-11-28" && visited.nextVisitDue == "2027-02-26")
        #expect(try await overdue().overdue.map(\.file?.fileId) == [files[0].fileId])
        let early = await refusal {
            try await office.call(
                "RecordFamilyPlanningVisit", Health.RecordFamilyPlanningVisitRequest(fileId: files[2].fileId, date: "2026-10-01"),
                as: Health.FamilyPlanningFile.self)
        }
        #expect(early?.code == .failedPrecondition && early?.fields == ["date"])
    }
}
