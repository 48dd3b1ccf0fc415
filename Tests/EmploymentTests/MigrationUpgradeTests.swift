import Domain
import EmploymentContract
import Foundation
import GRDB
import Logging
import Storage
import TestSupport
import Testing

@testable import EmploymentKit

/// An employment.sqlite written by the landed schema (employment-v1) upgrades in place: every
/// seeker becomes a person with one spell, and the figures read the same from the counters.
@Suite("Storage upgrade: employment-v1 databases gain spells, offers, recognitions and counters")
struct MigrationUpgradeTests {
    static let community = "330902001001"

    /// A v1 database with a waiting seeker (promise), a placed one (promise kept) and a withdrawn one.
    func v1Database(_ path: String, logger: Logger) async throws {
        let v1 = Migrations([EmploymentMigrations.all.serviceMigrations[0]])
        let database = try ServiceDatabase(path: path, migrations: v1, logger: logger)
        defer { try? database.close() }
        try await database.write { db in
            try db.execute(sql: "INSERT INTO communities(code, name) VALUES (?, '海滨社区')", arguments: [Self.community])
            for (index, status, placedAt) in [(1, 1, nil), (2, 2, Int64(1_795_003_600_000)), (3, 3, nil)] as [(Int, Int, Int64?)] {
                try db.execute(
                    sql: """
                        INSERT INTO seekers(id, id_number, name, community_code, grid_code, category, skills, wishes, accepts_promise, status,
                            registered_at, placed_at, placed_vacancy_id, phone, withdrawn_reason)
                        VALUES (?, ?, '张三', ?, ?, 2, 'cooking', '', 1, ?, 1795000000000, ?, ?, '', ?)
                        """,
                    arguments: [
                        index, try Residents.idNumber(index), Self.community, Self.community + "001", status, placedAt, placedAt == nil ? nil : 1,
                        status == 3 ? "moved to Ningbo" : "",
                    ])
            }
            try db.execute(
                sql: """
                    INSERT INTO vacancies(id, kind, title, employer, community_code, positions, filled, required_skills, wage_fen, location, status, posted_at)
                    VALUES (1, 2, '厨师', '舟山饭店', ?, 1, 1, 'cooking', 300000, '', 2, 1795000000000)
                    """, arguments: [Self.community])
            try db.execute(
                sql: """
                    INSERT INTO placements(seeker_id, vacancy_id, community_code, start_date, placed_at, promise_kept)
                    VALUES (2, 1, ?, '2026-11-19', 1795003600000, 1)
                    """, arguments: [Self.community])
        }
    }

    @Test("each v1 seeker becomes one spell; counters, placements and the withdrawal reason carried over")
    func upgrade() async throws {
        let directory = try TemporaryDirectory(prefix: "employment-upgrade")
        defer { directory.remove() }
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let path = directory.file("employment.sqlite")
        try await v1Database(path, logger: quiet)

        let database = try ServiceDatabase(path: path, migrations: EmploymentMigrations.all, logger: quiet)
        defer { try? database.close() }
        let (waiting, placed, withdrawn, counters, spells) = try await database.read { db in
            (
                try SeekerStore.find(db, id: 1), try SeekerStore.find(db, id: 2), try SeekerStore.find(db, id: 3),
                try FigureStore.counters(db, community: try CommunityCode(Self.community)),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM spells") ?? -1
            )
        }
        #expect(spells == 3)
        #expect(waiting?.spell.promise == .open)
        #expect(waiting?.promiseDeadline == Date(timeIntervalSince1970: 1_795_000_000 + 48 * 3600))
        #expect(placed?.spell.promise == .kept && placed?.spell.end == .placed)
        #expect(placed?.spell.startDate == (try LocalDate(iso: "2026-11-19")))
        #expect(withdrawn?.spell.end == .other && withdrawn?.spell.endNote == "moved to Ningbo")
        #expect(counters == FigureStore.Counters(spellsOpened: 3, spellsOpen: 1, promisesOpen: 1, promisesKept: 1, promisesBroken: 0, promisesReleased: 0))
        // the placed and the withdrawn may come back; the waiting one may not register twice
        #expect(throws: Never.self) { try placed?.checkReturn() }
        #expect(throws: Never.self) { try withdrawn?.checkReturn() }
        #expect(throws: JobSeekerRefusal.alreadyRegistered) { try waiting?.checkReturn() }
        let placements = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM placements WHERE spell_id = 2") }
        #expect(placements == 1)
        // v3: the month's spells come from the monthly counters, backfilled from the spells
        let opened = try await database.read { db in
            try SpellStore.opened(db, community: try CommunityCode(Self.community), monthOf: LocalDate(Date(timeIntervalSince1970: 1_795_000_000)))
        }
        #expect(opened.opened == 3 && opened.returns == 0)
    }
}
