import Domain
import Foundation
import GRDB
import WindowContract

/// SQL over `life_events` and `life_event_steps` (see ``CompositionMigrations``).
enum LifeEventStore {
    /// A life event as the runner needs it.
    struct Stored: Sendable {
        let seq: Int64
        let receipt: String
        let state: Window.LifeEventState
        let request: Window.StartLifeEventRequest
        let delegation: String
        let takenAtMs: Int64
        let steps: [StepRow]
    }

    /// One step's row.
    struct StepRow: Sendable {
        let position: Int
        let step: String
        let state: Window.StepState
        let attempts: Int
        let result: String
        let evidence: Window.LifeEventEvidence?
    }

    /// The intake to write before any office is asked.
    struct Intake: Sendable {
        let request: Window.StartLifeEventRequest
        let kind: Window.LifeEventKind
        let idNumberMasked: String
        let communityCode: String
        let takenBy: String
        let takenAtMs: Int64
        let takenOn: LocalDate
        let intakeKey: String?
        let steps: [PlannedStep]
    }

    /// 统一受理编号: "SL", the day of intake and the event's sequence number, six digits or more.
    static func receipt(on day: LocalDate, seq: Int64) -> String {
        let digits = String(seq)
        return "SL" + day.description.replacingOccurrences(of: "-", with: "") + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Whether `text` has the form of a receipt number: "SL" and 14 to 22 digits.
    static func isReceipt(_ text: String) -> Bool {
        text.hasPrefix("SL") && (16...24).contains(text.utf8.count) && text.utf8.dropFirst(2).allSatisfy { (48...57).contains($0) }
    }

    /// The event `takenBy` already took in under `intakeKey` (a retried intake), if any.
    static func seq(_ db: Database, takenBy: String, intakeKey: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT seq FROM life_events WHERE taken_by = ? AND intake_key = ?", arguments: [takenBy, intakeKey])
    }

    static func seq(_ db: Database, receipt: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT seq FROM life_events WHERE receipt = ?", arguments: [receipt])
    }

    /// Writes the intake and its steps (pending, or skipped when the form did not ask for them);
    /// returns its sequence number and receipt.
    static func insert(_ db: Database, _ intake: Intake) throws -> (seq: Int64, receipt: String) {
        // The highest seq ever used (AUTOINCREMENT keeps it in sqlite_sequence), so a receipt
        // number is never issued twice, even after an intake was removed.
        let seq = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'life_events'") ?? 0) + 1
        let receipt = receipt(on: intake.takenOn, seq: seq)
        try db.execute(
            sql: """
                INSERT INTO life_events(seq, receipt, kind, state, form, id_number_masked, community_code, taken_by, taken_at_ms, delegation, intake_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)
                """,
            arguments: [
                seq, receipt, intake.kind.rawValue, Window.LifeEventState.lifeEventInProgress.rawValue, Data(try intake.request.serializedBytes()),
                intake.idNumberMasked, intake.communityCode, intake.takenBy, intake.takenAtMs, intake.intakeKey,
            ])
        for (position, step) in intake.steps.enumerated() {
            let state: Window.StepState = step.skippedBecause == nil ? .stepPending : .stepSkipped
            try db.execute(
                sql: """
                    INSERT INTO life_event_steps(event_seq, position, step, office, title, state, message, updated_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [seq, position, step.step, step.office, step.title, state.rawValue, step.skippedBecause ?? "", intake.takenAtMs])
        }
        return (seq, receipt)
    }

    static func setDelegation(_ db: Database, seq: Int64, token: String) throws {
        try db.execute(sql: "UPDATE life_events SET delegation = ? WHERE seq = ?", arguments: [token, seq])
    }

    /// Removes an intake that could not be completed (its delegation was refused): nothing was
    /// sent to any office yet.
    static func delete(_ db: Database, seq: Int64) throws {
        try db.execute(sql: "DELETE FROM life_event_steps WHERE event_seq = ?", arguments: [seq])
        try db.execute(sql: "DELETE FROM life_events WHERE seq = ?", arguments: [seq])
    }

    /// How many events are in progress (a count over the partial index).
    static func unfinishedCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM life_events WHERE state = ?", arguments: [Window.LifeEventState.lifeEventInProgress.rawValue]) ?? 0
    }

    /// Events still in progress, oldest first: what a restarted broker resumes.
    static func unfinished(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT seq FROM life_events WHERE state = ? ORDER BY seq", arguments: [Window.LifeEventState.lifeEventInProgress.rawValue])
    }

    /// The form the event was taken in with (nil: no such event).
    static func form(_ db: Database, seq: Int64) throws -> Window.StartLifeEventRequest? {
        try (Data.fetchOne(db, sql: "SELECT form FROM life_events WHERE seq = ?", arguments: [seq])).map {
            try Window.StartLifeEventRequest(serializedBytes: Array($0))
        }
    }

    static func stored(_ db: Database, seq: Int64) throws -> Stored? {
        guard let row = try Row.fetchOne(db, sql: "SELECT receipt, state, form, delegation, taken_at_ms FROM life_events WHERE seq = ?", arguments: [seq])
        else {
            return nil
        }
        let form: Data = row["form"]
        let steps = try Row.fetchAll(
            db, sql: "SELECT position, step, state, attempts, result, evidence FROM life_event_steps WHERE event_seq = ? ORDER BY position",
            arguments: [seq]
        ).map {
            StepRow(
                position: $0["position"], step: $0["step"], state: Window.StepState(wireValue: Int32($0["state"] as Int)), attempts: $0["attempts"],
                result: $0["result"], evidence: try ($0["evidence"] as Data?).map { try Window.LifeEventEvidence(serializedBytes: Array($0)) })
        }
        return Stored(
            seq: seq, receipt: row["receipt"], state: Window.LifeEventState(wireValue: Int32(row["state"] as Int)),
            request: try Window.StartLifeEventRequest(serializedBytes: Array(form)), delegation: row["delegation"], takenAtMs: row["taken_at_ms"],
            steps: steps)
    }

    /// Records where one step stands.
    static func update(
        _ db: Database, seq: Int64, position: Int, state: Window.StepState, attempts: Int, result: String = "", message: String = "",
        nextAction: String = "", evidence: Window.LifeEventEvidence? = nil, nowMs: Int64
    ) throws {
        try db.execute(
            sql: """
                UPDATE life_event_steps SET state = ?, attempts = ?, result = ?, message = ?, next_action = ?, evidence = ?, updated_at_ms = ?
                WHERE event_seq = ? AND position = ?
                """,
            arguments: [
                state.rawValue, attempts, result, message, nextAction, try evidence.map { Data(try $0.serializedBytes()) }, nowMs, seq, position,
            ])
    }

    /// Closes the event once every step has ended: completed, or needing the clerk's action (what
    /// each refused step asks of the clerk, in step order).
    static func finish(_ db: Database, seq: Int64) throws -> Window.LifeEventState {
        let refused = try Row.fetchAll(
            db, sql: "SELECT title, next_action FROM life_event_steps WHERE event_seq = ? AND state = ? ORDER BY position",
            arguments: [seq, Window.StepState.stepRejected.rawValue])
        let state: Window.LifeEventState = refused.isEmpty ? .lifeEventCompleted : .lifeEventNeedsAction
        let nextAction = refused.map { "\($0["title"] as String): \($0["next_action"] as String)" }.joined(separator: "；")
        try db.execute(sql: "UPDATE life_events SET state = ?, next_action = ? WHERE seq = ?", arguments: [state.rawValue, nextAction, seq])
        return state
    }

    /// The event as the window shows it.
    static func message(_ db: Database, seq: Int64) throws -> Window.LifeEvent? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT receipt, kind, state, id_number_masked, community_code, taken_by, taken_at_ms, next_action FROM life_events WHERE seq = ?",
                arguments: [seq])
        else { return nil }
        var steps: [Window.LifeEventStep] = []
        var evidence: [Window.LifeEventEvidence] = []
        for step in try Row.fetchAll(
            db,
            sql: """
                SELECT step, office, title, state, attempts, result, message, next_action, evidence, updated_at_ms
                FROM life_event_steps WHERE event_seq = ? ORDER BY position
                """, arguments: [seq])
        {
            steps.append(
                Window.LifeEventStep(
                    step: step["step"], office: step["office"], title: step["title"], state: Window.StepState(wireValue: Int32(step["state"] as Int)),
                    attempts: UInt32(clamping: step["attempts"] as Int), result: step["result"], message: step["message"], nextAction: step["next_action"],
                    updatedAtMs: UInt64(max(step["updated_at_ms"] as Int64, 0))))
            if let bytes = step["evidence"] as Data? { evidence.append(try Window.LifeEventEvidence(serializedBytes: Array(bytes))) }
        }
        return Window.LifeEvent(
            receipt: row["receipt"], kind: Window.LifeEventKind(wireValue: Int32(row["kind"] as Int)),
            state: Window.LifeEventState(wireValue: Int32(row["state"] as Int)), idNumberMasked: row["id_number_masked"],
            communityCode: row["community_code"], takenBy: row["taken_by"], takenAtMs: UInt64(max(row["taken_at_ms"] as Int64, 0)), steps: steps,
            evidence: evidence, nextAction: row["next_action"])
    }
}

extension LifeEventStore {
    /// One row of the worklist, with the stored form (the residents it names are reported).
    struct Listed: Sendable {
        let seq: Int64
        let summary: Window.LifeEventSummary
        let request: Window.StartLifeEventRequest
    }

    /// Events newest first before `beforeSeq` (0: from the newest), in `state` (unspecified: any)
    /// and `community` (nil: any).
    static func list(_ db: Database, state: Window.LifeEventState, community: String?, beforeSeq: Int64, limit: Int) throws -> [Listed] {
        // In the order of the placeholders: the ended states (select list), the filters, the limit.
        var arguments: [any DatabaseValueConvertible] = [
            Window.StepState.stepDone.rawValue, Window.StepState.stepRejected.rawValue, Window.StepState.stepSkipped.rawValue,
            beforeSeq == 0 ? Int64.max : beforeSeq,
        ]
        var conditions = ["e.seq < ?"]
        if state != .unspecified {
            conditions.append("e.state = ?")
            arguments.append(state.rawValue)
        }
        if let community {
            conditions.append("e.community_code = ?")
            arguments.append(community)
        }
        arguments.append(limit)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT e.seq, e.receipt, e.kind, e.state, e.form, e.id_number_masked, e.community_code, e.taken_by, e.taken_at_ms, e.next_action,
                    (SELECT COUNT(*) FROM life_event_steps s WHERE s.event_seq = e.seq) AS steps,
                    (SELECT COUNT(*) FROM life_event_steps s WHERE s.event_seq = e.seq AND s.state IN (?, ?, ?)) AS ended
                FROM life_events e WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.seq DESC LIMIT ?
                """,
            arguments: StatementArguments(arguments)
        ).map { row in
            Listed(
                seq: row["seq"],
                summary: Window.LifeEventSummary(
                    receipt: row["receipt"], kind: Window.LifeEventKind(wireValue: Int32(row["kind"] as Int)),
                    state: Window.LifeEventState(wireValue: Int32(row["state"] as Int)), idNumberMasked: row["id_number_masked"],
                    communityCode: row["community_code"], takenBy: row["taken_by"], takenAtMs: UInt64(max(row["taken_at_ms"] as Int64, 0)),
                    stepsEnded: UInt32(clamping: row["ended"] as Int), steps: UInt32(clamping: row["steps"] as Int), nextAction: row["next_action"]),
                request: try Window.StartLifeEventRequest(serializedBytes: Array(row["form"] as Data)))
        }
    }
}
