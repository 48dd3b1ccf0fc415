import Domain
import EmploymentContract
import Foundation
import GRDB
import Storage

/// Demo data for `make demo` and the scale benchmark: residents with valid ID numbers, spread
/// over the given communities and their grids, with skills, categories, vacancies, a course and
/// some placements. Deterministic (seeded), written through the same store as the service.
public enum DemoData {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈").map(String.init)
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌波海燕").map(String.init)
    static let skills = [
        "cooking", "cleaning", "driving", "elderly-care", "childcare", "security-guard", "retail", "warehouse",
        "electrician", "plumbing", "computer", "accounting", "sewing", "gardening", "delivery", "customer-service",
    ]

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

    /// A seeker who is synthetic resident `resident` (the same person in the other offices' benches),
    /// with a name, a category, 1–3 skills.
    static func seeker(resident: Int, community: CommunityCode, grid number: Int, household: Int, now: Date, rng: inout Generator) throws
        -> JobSeekerRecord
    {
        let id = SyntheticResidents.idNumber(resident)
        let grid = try GridCode(community: community, number: number)
        let categories: [Employment.SeekerCategory] = [
            .laidOff, .unemployed, .unemployed, .graduate, .migrantWorker, .migrantWorker, .minimumLivingAllowance, .disabled, .releasedPrisoner, .other,
        ]
        var own: [String] = []
        for _ in 0...(rng.next() % 3) {
            let skill = skills[Int(rng.next() % UInt64(skills.count))]
            if !own.contains(skill) { own.append(skill) }
        }
        let name =
            surnames[Int(rng.next() % UInt64(surnames.count))] + givenNames[Int(rng.next() % UInt64(givenNames.count))]
            + (rng.next() % 2 == 0 ? givenNames[Int(rng.next() % UInt64(givenNames.count))] : "")
        let category = categories[Int(rng.next() % UInt64(categories.count))]
        let acceptsPromise = rng.next() % 3 != 0
        let registeredAt = now.addingTimeInterval(-Double(rng.next() % (40 * 86_400)))
        return JobSeekerRecord(
            id: 0, idNumber: id, name: name, community: community, grid: grid, category: category,
            skills: own, wishes: "", acceptsPromise: acceptsPromise, status: .waiting,
            registeredAt: registeredAt, placedAt: nil, placedVacancyID: nil,
            phone: "13\(String(format: "%09llu", rng.next() % 1_000_000_000))", householdID: "H\(grid.rawValue)-\(household)",
            spell: SpellState(promiseDeadline: acceptsPromise ? PromiseRules.deadline(openedAt: registeredAt, policy: EmploymentPolicy()) : nil))
    }

    /// Seeds `seekers` job seekers (and, for the demo, vacancies, a course and placements).
    /// Returns false when the database already holds seekers.
    @discardableResult
    public static func seed(
        into database: ServiceDatabase, communities: [CommunityCode], seekers count: Int, gridsPerCommunity: Int = 4,
        withVacancies: Bool = true, now: Date = Date(), progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Bool {
        let empty = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seekers") == 0 }
        guard empty else { return false }
        // The rows refer to the office's mirror of the registry; the registry's names replace
        // these placeholders on the first write that names the community.
        try await database.write { db in
            for community in communities where try CommunityStore.name(db, code: community) == nil {
                try CommunityStore.upsert(db, code: community, name: community.rawValue)
            }
        }
        let batch = 20_000
        var rng = Generator(state: 20_261_121)
        // the working-age synthetic residents in order: 7 in 10 of the residents
        var resident = 0
        var done = 0
        while done < count {
            let size = min(batch, count - done)
            var records: [JobSeekerRecord] = []
            records.reserveCapacity(size)
            for i in done..<(done + size) {
                resident = SyntheticResidents.nextResident(after: resident, in: .workingAge)
                // community by i % count, grid by the rest, so every grid of every community fills evenly
                records.append(
                    try seeker(
                        resident: resident, community: communities[i % communities.count], grid: 1 + (i / communities.count) % gridsPerCommunity,
                        // households of up to three registered members in one grid (零就业家庭 when none works)
                        household: i / (communities.count * gridsPerCommunity) / 3, now: now, rng: &rng))
            }
            let list = records
            try await database.write { db in
                for record in list {
                    let id = try SeekerStore.insert(db, record)
                    // the categories that usually qualify, recognised by staff on evidence (就业困难人员认定)
                    if let ground = record.category.usualHardshipGround {
                        _ = try HardshipStore.recognise(
                            db, seekerID: id,
                            HardshipRecognitionRecord(
                                id: 0, ground: ground, evidence: "demo: certificate on file", decidedBy: "demo-staff", decidedAt: record.registeredAt,
                                validUntil: LocalDate(now).adding(days: 365)))
                    }
                }
            }
            done += size
            progress?(done)
        }
        try await database.write { db in try HouseholdStore.rebuild(db) }
        guard withVacancies else { return true }
        try await seedVacancies(into: database, communities: communities, now: now)
        return true
    }

    /// Eight vacancies (public-welfare among them) and a start-up course per community.
    public static func seedVacancies(into database: ServiceDatabase, communities: [CommunityCode], now: Date = Date()) async throws {
        try await database.write { db in
            var rng = Generator(state: 7)
            for (i, community) in communities.enumerated() {
                let kinds: [Employment.VacancyKind] = [.communityService, .enterprise, .enterprise, .publicWelfare]
                for j in 0..<8 {
                    let required = [skills[(i * 8 + j) % skills.count], skills[(i * 8 + j + 5) % skills.count]]
                    _ = try VacancyStore.insert(
                        db,
                        VacancyRecord(
                            id: 0, kind: kinds[j % kinds.count], title: "\(required[0]) post \(j + 1)",
                            employer: kinds[j % kinds.count] == .publicWelfare ? "社区居委会" : "舟山企业 \(j + 1)",
                            community: community, positions: 1 + Int(rng.next() % 5), filled: 0, requiredSkills: required,
                            wage: Fen(Int64(250_000 + rng.next() % 300_000)), location: "near \(community.rawValue)", status: .open,
                            postedAt: now.addingTimeInterval(-86_400)))
                }
                _ = try TrainingStore.insertCourse(
                    db,
                    .init(
                        id: 0, title: "创业培训 start-up training", kind: .startUp, skills: ["business"], community: community,
                        startDate: LocalDate(now), endDate: LocalDate(now).adding(days: 10), capacity: 30, enrolled: 0))
            }
        }
    }
}
