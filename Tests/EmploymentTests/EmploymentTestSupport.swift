import Domain
import EmploymentContract
import Foundation
import GRDB
import Testing
import WireClient
import WireProtocol
import WireRuntime

@testable import EmploymentKit

/// Test data shared by the employment tests: valid resident ID numbers, hand-built domain
/// records, and helpers that call the fixture and look at what it answered or wrote.
enum Residents {
    /// A fixed "today" for building numbers, so they never depend on the test machine's date.
    static let today: LocalDate = { try! LocalDate(year: 2026, month: 1, day: 1) }()

    /// A valid, distinct ID number for every `index` (0...9999): district 330902, a birth date
    /// from 1980-05-17 on, check character computed.
    static func idNumber(_ index: Int) throws -> String {
        let birth = try LocalDate(year: 1980, month: 5, day: 17).adding(days: index % 5000)
        return try ResidentIdentityNumber.make(divisionCode: "330902", birthDate: birth, sequence: 12 + index / 5000, today: today).rawValue
    }

    /// `valid` with its check character replaced by a different, well-formed one.
    static func withWrongCheckCharacter(_ valid: String) -> String {
        let last = valid.last!
        let replacement: Character = last == "1" ? "2" : "1"
        return String(valid.dropLast()) + String(replacement)
    }

    static func community(_ code: String) throws -> CommunityCode { try CommunityCode(code) }

    /// A hand-built seeker for the pure domain tests.
    static func seeker(
        id: Int64 = 1, community: String = "330902001001", grid: Int = 1, category: Employment.SeekerCategory = .unemployed,
        skills: [String] = [], acceptsPromise: Bool = true, status: Employment.SeekerStatus = .waiting,
        registeredAt: Date = Date(timeIntervalSince1970: 1_795_000_000), placedAt: Date? = nil, promise: PromiseOutcome = .kept
    ) throws -> JobSeekerRecord {
        let code = try CommunityCode(community)
        var record = JobSeekerRecord(
            id: id, idNumber: try ResidentIdentityNumber(try idNumber(Int(id)), today: today), name: "张三", community: code,
            grid: try GridCode(community: code, number: grid), category: category, skills: skills, wishes: "",
            acceptsPromise: acceptsPromise, status: status, registeredAt: registeredAt, placedAt: placedAt,
            placedVacancyID: placedAt == nil ? nil : 1, phone: "")
        record.spell = SpellState(
            id: id, promiseDeadline: acceptsPromise ? PromiseRules.deadline(openedAt: registeredAt, policy: EmploymentPolicy()) : nil,
            promise: acceptsPromise ? (status == .waiting ? .open : promise) : .none)
        // the hardship categories come recognised by staff here, so the ranking tests read as before
        record.recognition = category.usualHardshipGround.map {
            HardshipRecognitionRecord(
                id: id, ground: $0, evidence: "test certificate", decidedBy: "tester", decidedAt: registeredAt, validUntil: LocalDate.distantFuture)
        }
        return record
    }

    /// A hand-built vacancy for the pure domain tests.
    static func vacancy(
        id: Int64 = 1, kind: Employment.VacancyKind = .enterprise, community: String = "330902001001", positions: Int = 1, filled: Int = 0,
        requiredSkills: [String] = [], wage: Int64 = 300_000, status: Employment.VacancyStatus = .open
    ) throws -> VacancyRecord {
        VacancyRecord(
            id: id, kind: kind, title: "post \(id)", employer: "employer \(id)", community: try CommunityCode(community),
            positions: positions, filled: filled, requiredSkills: requiredSkills, wage: Fen(wage), location: "",
            status: status, postedAt: Date(timeIntervalSince1970: 1_795_000_000))
    }
}

extension EmploymentFixture {
    /// Rows in `table` (a fixed table name of the schema).
    func count(_ table: String, where condition: String = "1") async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? -1 }
    }

    /// A register request with valid defaults; `index` picks the resident.
    func registration(
        _ index: Int, community: String = EmploymentFixture.communityA, grid: Int = 1, category: Employment.SeekerCategory = .unemployed,
        skills: [String] = ["cooking"], acceptsPromise: Bool = true, name: String = "张三", phone: String = "13812345678"
    ) throws -> Employment.RegisterJobSeekerRequest {
        Employment.RegisterJobSeekerRequest(
            idNumber: try Residents.idNumber(index), name: name, communityCode: community,
            gridCode: community + String(String(grid + 1000).dropFirst()), category: category, skills: skills,
            wishes: "", acceptsPromise: acceptsPromise, phone: phone)
    }

    @discardableResult
    func register(
        _ index: Int, community: String = EmploymentFixture.communityA, grid: Int = 1, category: Employment.SeekerCategory = .unemployed,
        skills: [String] = ["cooking"], acceptsPromise: Bool = true
    ) async throws -> Employment.JobSeeker {
        try await call(
            "RegisterJobSeeker", try registration(index, community: community, grid: grid, category: category, skills: skills, acceptsPromise: acceptsPromise))
    }

    @discardableResult
    func postVacancy(
        kind: Employment.VacancyKind = .enterprise, community: String = EmploymentFixture.communityA, positions: UInt32 = 1,
        skills: [String] = ["cooking"], wage: Int64 = 350_000, title: String = "厨师"
    ) async throws -> Employment.Vacancy {
        try await call(
            "PostVacancy",
            Employment.PostVacancyRequest(
                kind: kind, title: title, employer: "舟山饭店", communityCode: community, positions: positions,
                requiredSkills: skills, wageFen: wage, location: "定海"))
    }

    func place(_ seekerID: String, into vacancyID: String, startDate: String = "2026-11-20") async throws -> Employment.Placement {
        try await call("RecordPlacement", Employment.RecordPlacementRequest(seekerId: seekerID, vacancyId: vacancyID, startDate: startDate))
    }

    func seeker(_ id: String, roles: String = "employment") async throws -> Employment.JobSeeker {
        try await call("GetJobSeeker", Employment.GetJobSeekerRequest(seekerId: id), roles: roles)
    }

    func vacancy(_ id: String) async throws -> Employment.Vacancy {
        try await call("GetVacancy", Employment.GetVacancyRequest(vacancyId: id))
    }
}

extension RPCError {
    /// The fields its violations name, in order.
    var fields: [String] { violations.map(\.field) }
}
