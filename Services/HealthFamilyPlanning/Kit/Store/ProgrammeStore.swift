import GRDB

/// Chronic disease programmes in SQL: data, not code.
enum ProgrammeStore {
    static func upsert(_ db: Database, _ programme: ChronicProgramme) throws {
        try db.execute(
            sql: """
                INSERT INTO programmes(code, name, interval_days, measures_blood_pressure, measures_glucose,
                    controlled_systolic_below, controlled_diastolic_below, controlled_glucose_below_tenths)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, interval_days = excluded.interval_days,
                    measures_blood_pressure = excluded.measures_blood_pressure, measures_glucose = excluded.measures_glucose,
                    controlled_systolic_below = excluded.controlled_systolic_below, controlled_diastolic_below = excluded.controlled_diastolic_below,
                    controlled_glucose_below_tenths = excluded.controlled_glucose_below_tenths
                """,
            arguments: [
                programme.code, programme.name, programme.intervalDays, programme.measuresBloodPressure, programme.measuresGlucose,
                programme.controlledSystolicBelow, programme.controlledDiastolicBelow, programme.controlledGlucoseBelowTenths,
            ])
    }

    static func find(_ db: Database, code: String) throws -> ChronicProgramme? {
        try Row.fetchOne(
            try db.cachedStatement(
                sql: """
                    SELECT code, name, interval_days, measures_blood_pressure, measures_glucose,
                        controlled_systolic_below, controlled_diastolic_below, controlled_glucose_below_tenths
                    FROM programmes WHERE code = ?
                    """), arguments: [code]
        ).map { row in
            ChronicProgramme(
                code: row[0], name: row[1], intervalDays: row[2], measuresBloodPressure: row[3], measuresGlucose: row[4],
                controlledSystolicBelow: row[5], controlledDiastolicBelow: row[6], controlledGlucoseBelowTenths: row[7])
        }
    }
}

extension ProgrammeStore {
    /// The programme's row id: what an idempotent write keeps with its key.
    static func rowID(_ db: Database, code: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT rowid FROM programmes WHERE code = ?", arguments: [code])
    }

    static func code(_ db: Database, rowID: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT code FROM programmes WHERE rowid = ?", arguments: [rowID])
    }
}
