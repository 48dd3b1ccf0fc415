import Domain
import GRDB
import WindowContract

/// SQL over the `evaluations` and `rectifications` tables (see ``CompositionMigrations``).
enum EvaluationStore {
    /// A rating to record, validated.
    struct NewEvaluation: Sendable {
        var office: String
        var subject: String
        var communityCode: String
        var level: Int
        var comment: String
        var ratedAtMilliseconds: Int64
        var ratedOn: LocalDate
        var recordedBy: String
        /// When the level opens a rectification item: its due date.
        var rectificationDue: LocalDate?
    }

    /// Inserts the rating (and its rectification item); returns the rating's id.
    static func insert(_ db: Database, _ new: NewEvaluation) throws -> Int64 {
        let month = String(new.ratedOn.description.prefix(7))
        try db.execute(
            sql: """
                INSERT INTO evaluations(office, subject, community_code, level, comment, rated_at_ms, rated_on, rated_month, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                new.office, new.subject, new.communityCode, new.level, new.comment, new.ratedAtMilliseconds, new.ratedOn.description, month,
                new.recordedBy,
            ])
        let id = db.lastInsertedRowID
        if let due = new.rectificationDue {
            try db.execute(
                sql: "INSERT INTO rectifications(evaluation_id, office, community_code, opened_on, due_on) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, new.office, new.communityCode, new.ratedOn.description, due.description])
        }
        return id
    }

    static func evaluation(_ db: Database, id: Int64) throws -> Window.Evaluation? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT e.id, e.office, e.subject, e.community_code, e.level, e.comment, e.rated_at_ms, e.rated_on, e.recorded_by, r.id AS rid
                    FROM evaluations e LEFT JOIN rectifications r ON r.evaluation_id = e.id WHERE e.id = ?
                    """, arguments: [id])
        else { return nil }
        let rectification: Int64? = row["rid"]
        return Window.Evaluation(
            evaluationId: EvaluationKind.evaluation.format(row["id"]), office: row["office"], subject: row["subject"], communityCode: row["community_code"],
            level: Window.Satisfaction(wireValue: Int32(row["level"] as Int)), comment: row["comment"],
            ratedAtMs: UInt64(max(row["rated_at_ms"] as Int64, 0)), ratedOn: row["rated_on"], recordedBy: row["recorded_by"],
            rectificationId: rectification.map(EvaluationKind.rectification.format) ?? "")
    }

    static let rectificationColumns = """
        r.id, r.evaluation_id, r.office, e.subject, r.community_code, e.level, r.opened_on, r.due_on, r.closed_on, r.closed_by, r.fix
        """

    static func rectification(_ db: Database, id: Int64, today: LocalDate) throws -> Window.Rectification? {
        try Row.fetchOne(
            db, sql: "SELECT \(rectificationColumns) FROM rectifications r JOIN evaluations e ON e.id = r.evaluation_id WHERE r.id = ?",
            arguments: [id]
        ).map { message($0, today: today) }
    }

    /// Filters of a rectification list.
    struct Filter: Sendable {
        var office: String?
        var communityCode: String?
        var openOnly: Bool
        /// Open and due before this date.
        var overdueBefore: LocalDate?
    }

    /// Items by due date then id, after the keyset position `after` (due date, id).
    static func rectifications(_ db: Database, filter: Filter, after: (due: String, id: Int64)?, limit: Int, today: LocalDate) throws
        -> [(row: Window.Rectification, due: String, id: Int64)]
    {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let office = filter.office {
            conditions.append("r.office = ?")
            arguments.append(office)
        }
        if let community = filter.communityCode {
            conditions.append("r.community_code = ?")
            arguments.append(community)
        }
        if filter.openOnly || filter.overdueBefore != nil { conditions.append("r.closed_on IS NULL") }
        if let before = filter.overdueBefore {
            conditions.append("r.due_on < ?")
            arguments.append(before.description)
        }
        if let after {
            conditions.append("(r.due_on, r.id) > (?, ?)")
            arguments += [after.due, after.id]
        }
        arguments.append(limit)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(rectificationColumns) FROM rectifications r JOIN evaluations e ON e.id = r.evaluation_id
                \(whereClause) ORDER BY r.due_on, r.id LIMIT ?
                """,
            arguments: StatementArguments(arguments))
        return rows.map { (message($0, today: today), $0["due_on"], $0["id"]) }
    }

    /// Open items of a community (only those due before `overdueBefore`, when given).
    static func openRectifications(_ db: Database, community: String, overdueBefore: LocalDate?) throws -> Int {
        try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM rectifications WHERE community_code = ? AND closed_on IS NULL AND due_on < ?",
            arguments: [community, overdueBefore?.description ?? "9999-99-99"]) ?? 0
    }

    /// Closes an open item; false when it was already closed.
    static func close(_ db: Database, id: Int64, fix: String, by principal: String, on date: LocalDate) throws -> Bool {
        try db.execute(
            sql: "UPDATE rectifications SET closed_on = ?, closed_by = ?, fix = ? WHERE id = ? AND closed_on IS NULL",
            arguments: [date.description, principal, fix, id])
        return db.changesCount == 1
    }

    /// One month's figures grouped by `column` (office or community_code).
    struct Figures: Sendable {
        var key: String
        var ratings: Int
        var satisfied: Int
        var dissatisfied: Int
        var opened: Int
        var stillOpen: Int
    }

    static func figures(_ db: Database, month: String, by column: String) throws -> [Figures] {
        precondition(["office", "community_code"].contains(column), "figures grouped by an unknown column")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT e.\(column) AS key, COUNT(*) AS ratings,
                    SUM(e.level <= 2) AS satisfied, SUM(e.level >= 4) AS dissatisfied,
                    COUNT(r.id) AS opened, SUM(r.id IS NOT NULL AND r.closed_on IS NULL) AS still_open
                FROM evaluations e LEFT JOIN rectifications r ON r.evaluation_id = e.id
                WHERE e.rated_month = ? GROUP BY e.\(column)
                """, arguments: [month]
        ).map {
            Figures(
                key: $0["key"], ratings: $0["ratings"], satisfied: $0["satisfied"], dissatisfied: $0["dissatisfied"], opened: $0["opened"],
                stillOpen: $0["still_open"])
        }
    }

    private static func message(_ row: Row, today: LocalDate) -> Window.Rectification {
        let closedOn: String? = row["closed_on"]
        let due: String = row["due_on"]
        return Window.Rectification(
            rectificationId: EvaluationKind.rectification.format(row["id"]), evaluationId: EvaluationKind.evaluation.format(row["evaluation_id"]),
            office: row["office"],
            subject: row["subject"], communityCode: row["community_code"], level: Window.Satisfaction(wireValue: Int32(row["level"] as Int)),
            openedOn: row["opened_on"], dueOn: due, closed: closedOn != nil, fix: row["fix"] ?? "", closedBy: row["closed_by"] ?? "",
            closedOn: closedOn ?? "", overdue: closedOn == nil && due < today.description)
    }
}
