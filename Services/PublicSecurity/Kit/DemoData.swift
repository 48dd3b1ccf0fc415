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
                    let start = today.adding(days: -(60 + (i * 11) % 200))
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
                    // Every period kept, except that every third case stopped reporting 45 days ago.
                    var date = start
                    let stop = i % 3 == 0 ? today.adding(days: -45) : today
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

    /// Demo resident `index` of the floating population, in `grid` of `community`: synthetic resident
    /// `index + 1` (the same person in the other offices' benches), arrived 1–400 days ago, one in
    /// ten departed.
    public static func floatingResident(index i: Int, community: CommunityCode, grid: Int, now: Date) throws -> FloatingResidentRecord {
        let today = LocalDate(now)
        let origin = origins[i % origins.count]
        let idNumber = SyntheticResidents.idNumber(i + 1)
        let arrival = today.adding(days: -(1 + (i * 37) % 400))
        let departed = i % 10 == 9
        return FloatingResidentRecord(
            id: 0, idNumber: idNumber, name: name(i), origin: try DivisionCode(origin), community: community,
            grid: try GridCode(community: community, number: grid),
            address: "\(community.rawValue.suffix(3)) 小区 \(1 + i % 20) 幢 \(101 + i % 6) 室", landlord: name(i + 7), arrivalDate: arrival,
            expectedStayDays: 180 + (i % 4) * 180, status: departed ? .departed : .residing, departureDate: departed ? today : nil,
            phone: "13\(String(format: "%09d", (i * 7919) % 1_000_000_000))", registeredAt: arrival.startOfDay())
    }

    /// Floating-population registrations for the demo, spread over the grids; every three residing
    /// ones of a grid share a rented dwelling.
    static func seedFloating(_ db: Database, communities: [CommunityCode], count: Int, now: Date) throws {
        let today = LocalDate(now)
        for (c, community) in communities.enumerated() {
            var residing: [(id: Int64, grid: GridCode)] = []
            for i in 0..<count {
                let record = try floatingResident(index: c * count + i, community: community, grid: 1 + i % 8, now: now)
                let id = try FloatingStore.insert(db, record)
                if record.status == .residing { residing.append((id, record.grid)) }
            }
            for group in stride(from: 0, to: residing.count - 2, by: 3) {
                let tenants = residing[group..<(group + 3)].filter { $0.grid == residing[group].grid }.map(\.id)
                _ = try RentalStore.insert(
                    db,
                    RentalRecord(
                        id: 0, community: community, grid: residing[group].grid, address: "出租屋 \(group / 3 + 1) 号", landlordName: name(group),
                        landlordIDNumber: try idNumber(group, community: community, today: today), landlordPhone: "0580-8\(1000 + group)",
                        registeredAt: now),
                    tenants: tenants)
            }
        }
    }

    /// `count` registrations for the scale check, spread evenly over the communities and their
    /// `gridsPerCommunity` grids, written in batches; returns false when the table is not empty.
    @discardableResult
    public static func seedFloatingPopulation(
        into database: ServiceDatabase, communities: [CommunityCode], count: Int, gridsPerCommunity: Int, now: Date = Date(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Bool {
        guard try await database.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM floating_residents") == 0 }) else { return false }
        let batch = 20_000
        var done = 0
        while done < count {
            let range = done..<min(count, done + batch)
            let records = try range.map { i in
                try floatingResident(index: i, community: communities[i % communities.count], grid: 1 + (i / communities.count) % gridsPerCommunity, now: now)
            }
            try await database.write { db in
                for record in records { _ = try FloatingStore.insert(db, record) }
            }
            done = range.upperBound
            progress?(done)
        }
        return true
    }
}
