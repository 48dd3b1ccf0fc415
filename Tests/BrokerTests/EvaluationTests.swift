import Domain
import GRDB
import Storage
import TestSupport
import Testing

@testable import WindowComposition

/// 好差评 without the network: the rules, and the store's lists and figures over broker.sqlite.
@Suite("Window composition: evaluations and rectification items")
struct EvaluationTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(iso: text) }

    @Test("the two lowest levels open an item due 15 working days later; the two upper count as satisfied")
    func rules() {
        #expect((1...5).filter(EvaluationRules.opensRectification) == [4, 5])
        #expect((1...5).filter(EvaluationRules.isSatisfied) == [1, 2])
        // Friday 2025-09-26 over National Day (1–8 October off, 28 Sep and 11 Oct worked).
        let calendar = try! WorkingDayCalendar(
            holidays: Set((1...8).map { Self.date(String(format: "2025-10-%02d", $0)) }),
            makeUpWorkingDays: [Self.date("2025-09-28"), Self.date("2025-10-11")])
        #expect(EvaluationRules.dueDate(openedOn: Self.date("2025-09-26"), calendar: calendar) == Self.date("2025-10-23"))
        #expect(EvaluationRules.dueDate(openedOn: Self.date("2025-09-26"), calendar: .weekdays) == Self.date("2025-10-17"))
    }

    @Test("ranking: best satisfied share first, ties share a rank, the unrated last with rank 0")
    func ranking() {
        let ranked = EvaluationRules.ranked([
            ("health", 10, 900), ("employment", 4, 1000), ("security", 0, 0), ("assistance", 5, 900),
        ])
        #expect(ranked.map(\.key) == ["employment", "assistance", "health", "security"])
        #expect(ranked.map(\.rank) == [1, 2, 2, 0])
        #expect(EvaluationRules.perMille(satisfied: 2, of: 3) == 666 && EvaluationRules.perMille(satisfied: 0, of: 0) == 0)
    }

    func withDatabase(_ body: (ServiceDatabase) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let database = try AuditStoreTests.openBrokerDatabase(directory.file("broker.sqlite"))
            defer { try? database.close() }
            try await body(database)
        }
    }

    static func rating(_ office: String, _ community: String, level: Int, on day: String) -> EvaluationStore.NewEvaluation {
        EvaluationStore.NewEvaluation(
            office: office, subject: "GetJobSeeker", communityCode: community, level: level, comment: "", ratedAtMilliseconds: 0,
            ratedOn: date(day), recordedBy: "clerk-01",
            rectificationDue: EvaluationRules.opensRectification(level: level) ? EvaluationRules.dueDate(openedOn: date(day), calendar: .weekdays) : nil)
    }

    @Test("overdue items are the open ones due before today, oldest first; a closed one never is; a second close changes nothing")
    func overdue() async throws {
        try await withDatabase { database in
            try await database.write { db in
                _ = try EvaluationStore.insert(db, Self.rating("employment", "330902001001", level: 5, on: "2025-06-02"))  // due 06-23
                _ = try EvaluationStore.insert(db, Self.rating("health", "330902001002", level: 4, on: "2025-06-09"))  // due 06-30
                _ = try EvaluationStore.insert(db, Self.rating("health", "330902001002", level: 1, on: "2025-06-10"))  // no item
                _ = try EvaluationStore.insert(db, Self.rating("security", "330902001001", level: 4, on: "2025-07-01"))  // due 07-22
            }
            let today = Self.date("2025-07-01")
            let overdue = try await database.read { db in
                try EvaluationStore.rectifications(
                    db, filter: .init(openOnly: true, overdueBefore: today), after: nil, limit: 10, today: today)
            }
            #expect(overdue.map(\.row.office) == ["employment", "health"])
            #expect(overdue.allSatisfy(\.row.overdue) && overdue.map(\.row.dueOn) == ["2025-06-23", "2025-06-30"])

            let closed = try await database.write { db in
                try EvaluationStore.close(db, id: overdue[0].id, fix: "窗口增设引导员", by: "employment-01", on: today)
            }
            let again = try await database.write { db in try EvaluationStore.close(db, id: overdue[0].id, fix: "x", by: "x", on: today) }
            #expect(closed && !again)
            let after = try await database.read { db in
                try EvaluationStore.rectifications(db, filter: .init(openOnly: false), after: nil, limit: 10, today: today)
            }
            #expect(after.count == 3 && after[0].row.closed && after[0].row.fix == "窗口增设引导员" && !after[0].row.overdue)
            // Keyset paging continues after (due date, id).
            let second = try await database.read { db in
                try EvaluationStore.rectifications(db, filter: .init(openOnly: false), after: (after[0].due, after[0].id), limit: 10, today: today)
            }
            #expect(second.map(\.row.office) == ["health", "security"])
        }
    }

    @Test("a month's figures per office and community: ratings, satisfied, dissatisfied, items opened and still open")
    func figures() async throws {
        try await withDatabase { database in
            try await database.write { db in
                for (office, level) in [("employment", 1), ("employment", 2), ("employment", 5), ("health", 3), ("health", 4)] {
                    _ = try EvaluationStore.insert(db, Self.rating(office, "330902001001", level: level, on: "2025-06-10"))
                }
                _ = try EvaluationStore.insert(db, Self.rating("employment", "330902001002", level: 1, on: "2025-07-01"))
            }
            let offices = try await database.read { db in try EvaluationStore.figures(db, month: "2025-06", by: "office") }
            let employment = try #require(offices.first { $0.key == "employment" })
            #expect(employment.ratings == 3 && employment.satisfied == 2 && employment.dissatisfied == 1 && employment.opened == 1)
            let health = try #require(offices.first { $0.key == "health" })
            #expect(health.ratings == 2 && health.satisfied == 0 && health.opened == 1 && health.stillOpen == 1)
            let communities = try await database.read { db in try EvaluationStore.figures(db, month: "2025-06", by: "community_code") }
            #expect(communities.map(\.key) == ["330902001001"] && communities[0].ratings == 5)
        }
    }
}
