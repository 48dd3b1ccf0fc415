import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage

/// Demo data for `make demo` and the scale benchmark: households with valid ID numbers spread
/// over the given communities and their grids, a standard per community, and minimum living
/// allowance cases in every state (most of them active). Deterministic, written through the
/// same stores as the service.
package enum DemoData {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈").map(String.init)
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌波海燕").map(String.init)
    static let relations = ["户主", "配偶", "子女", "父母"]
    /// The demo standard (低保标准), fen per person per month, from the start of the demo year.
    package static let standardFen: Int64 = 98_500

    /// A small deterministic random source (SplitMix64) so demo data is the same on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Person number `index` (from 0): synthetic resident `index + 1`, the same person in the other
    /// offices' benches; households of 2.5 members on average hold the first residents in order.
    static func member(index: Int, community: CommunityCode, position: Int, rng: inout Generator, today: LocalDate) throws -> MemberRecord {
        let id = SyntheticResidents.idNumber(index + 1)
        let name =
            surnames[Int(rng.next() % UInt64(surnames.count))] + givenNames[Int(rng.next() % UInt64(givenNames.count))]
            + (rng.next() % 2 == 0 ? givenNames[Int(rng.next() % UInt64(givenNames.count))] : "")
        let capacities: [Assistance.WorkCapacity] = [.noWorkCapacity, .noWorkCapacity, .partialWorkCapacity, .fullWorkCapacity]
        return MemberRecord(
            idNumber: id, name: name, relation: position < 2 ? relations[position] : relations[2 + Int(rng.next() % 2)],
            monthlyIncome: Fen(Int64(rng.next() % 120) * 500), workCapacity: capacities[Int(rng.next() % 4)], seriousIllness: rng.next() % 10 == 0,
            isHead: position == 0)
    }

    /// Seeds `households` households over `communities` (1–4 members each, low incomes), a
    /// standard per community, and a case for most of them: 80% active since the start of the
    /// year, the rest applied, on notice or rejected. Returns false when the database already
    /// holds households.
    @discardableResult
    package static func seed(
        into database: ServiceDatabase, communities: [CommunityCode], households count: Int, gridsPerCommunity: Int = 8, now: Date = Date()
    ) async throws -> Bool {
        let today = LocalDate(now)
        let yearStart = try LocalDate(year: today.year, month: 1, day: 1)
        if try await database.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM households") ?? 0 }) > 0 { return false }
        var rng = Generator(state: 20_261_130)
        var person = 0
        let batch = 5_000
        for start in stride(from: 0, to: count, by: batch) {
            var prepared: [(index: Int, household: HouseholdRecord)] = []
            for index in start..<min(start + batch, count) {
                let community = communities[index % communities.count]
                let grid = try GridCode(community: community, number: 1 + (index / communities.count) % gridsPerCommunity)
                var members: [MemberRecord] = []
                for position in 0..<(1 + Int(rng.next() % 4)) {
                    members.append(try member(index: person, community: community, position: position, rng: &rng, today: today))
                    person += 1
                }
                prepared.append(
                    (
                        index,
                        HouseholdRecord(
                            id: 0, community: community, grid: grid, address: "\(grid.number)号楼\(1 + index % 30)单元\(101 + index % 600)室",
                            members: members, registeredAt: yearStart.startOfDay())
                    ))
            }
            let batchToWrite = prepared
            try await database.write { db in
                if start == 0 {
                    for community in communities {
                        try StandardStore.set(
                            db, .init(community: community, effectiveDate: yearStart, monthly: Fen(standardFen), setBy: "seed-demo", setAt: now))
                    }
                }
                for (index, household) in batchToWrite {
                    let householdID = try HouseholdStore.insert(db, household)
                    try seedCare(db, household: household, index: index / communities.count, at: now)
                    try HouseholdStore.setMeans(db, householdID: householdID, from: LocalMonth(yearStart), household.means)
                    try seedCase(
                        db, household: household, id: householdID, index: index / communities.count, yearStart: yearStart, today: today, at: now)
                }
            }
        }
        return true
    }

    /// One household in 25 has its head registered as elderly living alone with a care doorbell;
    /// one in 150 gives a volunteer (the head).
    private static func seedCare(_ db: Database, household: HouseholdRecord, index: Int, at: Date) throws {
        guard let head = household.head else { return }
        if index % 25 == 3 {
            _ = try CareStore.insert(
                db,
                .init(
                    id: 0, idNumber: head.idNumber, name: head.name, group: .elderlyAlone, community: household.community, grid: household.grid,
                    address: household.address, care: "每周上门助餐, 每日电话问候", hasDoorbell: true, registeredAt: at))
        }
        if index % 150 == 11 {
            _ = try VolunteerStore.insert(db, .init(id: 0, idNumber: head.idNumber, name: head.name, community: household.community, registeredAt: at))
        }
    }

    private static func seedCase(
        _ db: Database, household: HouseholdRecord, id householdID: Int64, index: Int, yearStart: LocalDate, today: LocalDate, at: Date
    ) throws {
        // `index` counts the households of this community, so every community gets every kind.
        let kind = index % 10
        guard kind < 9 else { return }  // one household in ten has no case
        let state: Assistance.CaseState = kind < 7 ? .active : kind == 7 ? .underNotice : .applied
        var record = AllowanceCaseRecord(
            id: 0, householdID: householdID, community: household.community, grid: household.grid, state: .applied, appliedAt: yearStart.startOfDay())
        record.id = try CaseStore.insert(db, record)
        try CaseStore.recordEvent(db, caseID: record.id, .init(action: "apply", from: .unspecified, to: .applied, actor: "seed-demo", at: at, reason: ""))
        guard state != .applied else { return }
        let notice = state == .active ? CaseRules.notice(from: yearStart, days: 7) : CaseRules.notice(from: today.adding(days: -2), days: 7)
        record.state = .underNotice
        record.noticeStart = notice.start
        record.noticeEnd = notice.end
        try CaseStore.recordEvent(db, caseID: record.id, .init(action: "review", from: .applied, to: .underNotice, actor: "seed-demo", at: at, reason: ""))
        if state == .active {
            let approved = notice.end.adding(days: 1)
            record.state = .active
            record.firstPaidMonth = LocalMonth(approved)
            // Due dates spread over the coming months, some already due.
            record.nextReview = today.adding(days: index % 120 - 20)
            try CaseStore.recordEvent(db, caseID: record.id, .init(action: "approve", from: .underNotice, to: .active, actor: "seed-demo", at: at, reason: ""))
        }
        try CaseStore.update(db, record)
    }
}
