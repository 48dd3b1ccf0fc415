import Domain
import Foundation
import GRDB
import SecurityContract
import Storage

/// Demo data for `make demo`: supervision cases with helpers and check-ins (some missed), the
/// floating population (some residing more than six months) and rented dwellings in the given
/// communities, with valid ID numbers. Deterministic, written through the office's stores.
public enum DemoData {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗").map(String.init)
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平").map(String.init)

    /// A valid resident ID number for demo person `index` (born 1970 on, district of `community`).
    static func idNumber(_ index: Int, community: CommunityCode, today: LocalDate) throws -> ResidentIdentityNumber {
        let birth = try LocalDate(year: 1970, month: 1, day: 1).adding(days: (index * 37) % 12_000)
        return try ResidentIdentityNumber.make(divisionCode: community.countyCode, birthDate: birth, sequence: 100 + index % 800, today: today)
    }

    static func name(_ index: Int) -> String {
        surnames[index % surnames.count] + givenNames[(index * 7) % givenNames.count]
    }

    /// Origins of the demo floating population (GB/T 2260 county codes across several provinces).
    static let origins = ["510104", "420106", "340102", "360102", "430102", "411302", "522601", "330302"]

    /// Seeds `cases` cases and `floating` floating-population registrations (a rented dwelling per
    /// three) per community; returns false when the database already holds cases.
    @discardableResult
    public static func seed(into database: ServiceDatabase, communities: [CommunityCode], cases: Int, floating: Int = 60, now: Date = Date()) async throws
        -> Bool
    {
        let today = LocalDate(now)
        return try await database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") == 0 else { return false }
            try seedFloating(db, communities: communities, count: floating, now: now)
            var person = 0
            for community in communities {
                for i in 0..<cases {
                    person += 1
                    let kind: Security.CaseKind = i % 2 == 0 ? .communityCorrection : .resettlement
                    let start = today.adding(days: -(20 + (i * 11) % 200))
                    let record = SupervisionCaseRecord(
                        id: 0, kind: kind, idNumber: try idNumber(person, community: community, today: today), name: name(person),
                        community: community, grid: try GridCode(community: community, number: 1 + i % 8), termStart: start,
                        termEnd: start.adding(days: kind == .communityCorrection ? 365 : 5 * 365),
                        checkInIntervalDays: kind == .communityCorrection ? 7 : 30, openedAt: start.startOfDay())
                    let id = try CaseStore.insert(db, record)
                    _ = try CaseStore.insertHelper(
                        db,
                        CaseHelperRecord(id: 0, caseID: id, name: "社区民警\(name(person + 50))", role: .policeOfficer, phone: "0580-2020110", assignedOn: start))
                    _ = try CaseStore.insertHelper(
                        db, CaseHelperRecord(id: 0, caseID: id, name: name(person + 90), role: .volunteer, phone: "", assignedOn: start))
                    // Every period kept, except that every third case stopped reporting three weeks ago.
                    var date = start
                    let stop = i % 3 == 0 ? today.adding(days: -21) : today
                    while date < stop {
                        _ = try CheckInStore.insert(
                            db, CheckInRecord(id: 0, caseID: id, date: date, outcome: .present, note: "", recordedAt: date.startOfDay()))
                        try CaseStore.noteCheckIn(db, caseID: id, on: date)
                        date = date.adding(days: record.checkInIntervalDays)
                    }
                }
            }
            return true
        }
    }

    /// Floating-population registrations spread over the grids, arrived 1–400 days ago, one in
    /// ten departed; every three residing ones share a rented dwelling.
    static func seedFloating(_ db: Database, communities: [CommunityCode], count: Int, now: Date) throws {
        let today = LocalDate(now)
        var person = 10_000
        for community in communities {
            var residing: [(id: Int64, grid: GridCode)] = []
            for i in 0..<count {
                person += 1
                let birth = try LocalDate(year: 1975, month: 1, day: 1).adding(days: (person * 53) % 9_000)
                let idNumber = try ResidentIdentityNumber.make(
                    divisionCode: origins[i % origins.count], birthDate: birth, sequence: 200 + person % 700, today: today)
                let grid = try GridCode(community: community, number: 1 + i % 8)
                let arrival = today.adding(days: -(1 + (i * 37) % 400))
                let departed = i % 10 == 9
                let id = try FloatingStore.insert(
                    db,
                    FloatingResidentRecord(
                        id: 0, idNumber: idNumber, name: name(person), origin: try DivisionCode(origins[i % origins.count]), community: community, grid: grid,
                        address: "\(community.rawValue.suffix(3)) 小区 \(1 + i % 20) 幢 \(101 + i % 6) 室", landlord: name(person + 7), arrivalDate: arrival,
                        expectedStayDays: 180 + (i % 4) * 180, status: departed ? .departed : .residing, departureDate: departed ? today : nil,
                        phone: "13\(String(format: "%09d", (person * 7919) % 1_000_000_000))", registeredAt: arrival.startOfDay()))
                if !departed { residing.append((id, grid)) }
            }
            for group in stride(from: 0, to: residing.count - 2, by: 3) {
                let tenants = residing[group..<(group + 3)].filter { $0.grid == residing[group].grid }.map(\.id)
                _ = try RentalStore.insert(
                    db,
                    RentalRecord(
                        id: 0, community: community, grid: residing[group].grid, address: "出租屋 \(group / 3 + 1) 号", landlordName: name(person + group),
                        landlordIDNumber: try idNumber(person + group, community: community, today: today), landlordPhone: "0580-8\(1000 + group)",
                        registeredAt: now),
                    tenants: tenants)
            }
        }
    }
}
