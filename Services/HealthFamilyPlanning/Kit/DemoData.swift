import DepartmentKit
import Domain
import Foundation
import GRDB
import HealthContract
import Storage

/// Demo data for `make demo` and the scale benchmark: residents of every age (so every priority
/// group occurs), registered and floating, spread over the given communities and their grids,
/// with some enrolled in the hypertension and diabetes programmes and followed up — some on time,
/// some overdue. Deterministic, written through the same stores as the service.
public enum DemoData {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘").map(String.init)
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌波海燕").map(String.init)

    /// The record of synthetic resident `index + 1` (the same person in the other offices' benches;
    /// ages 0–90, so every priority group occurs), every fifth one floating.
    static func record(index: Int, community: CommunityCode, grid number: Int, today: LocalDate, now: Date) throws -> ResidentHealthRecord {
        let idNumber = SyntheticResidents.idNumber(index + 1)
        let name = surnames[index % surnames.count] + givenNames[(index / 7) % givenNames.count]
        return ResidentHealthRecord(
            id: 0, idNumber: idNumber, name: name, community: community, grid: try GridCode(community: community, number: number),
            residence: index % 5 == 4 ? .floating : .registered, chronicallyIll: false, disabled: index % 37 == 0, poor: index % 23 == 0,
            conditions: [], notes: "", createdAt: now, updatedAt: now)
    }

    /// Seeds `records` health records; about one in `enrolEvery` residents aged 35 or more is enrolled
    /// in a programme and followed up once. Returns false when the database already holds records.
    @discardableResult
    public static func seed(
        into database: ServiceDatabase, communities: [CommunityCode], records count: Int, gridsPerCommunity: Int = 4, enrolEvery: Int = 3,
        withServices: Bool = true, now: Date = Date(), progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Bool {
        let empty = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") == 0 }
        guard empty else { return false }
        let today = LocalDate(now)
        let batch = 20_000
        var done = 0
        while done < count {
            let range = done..<min(count, done + batch)
            try await database.write { db in
                for i in range {
                    var record = try record(
                        index: i, community: communities[i % communities.count], grid: 1 + (i / communities.count) % gridsPerCommunity, today: today,
                        now: now)
                    // about one resident in enrolEvery, drawn by a hash so that every grid gets its share;
                    // hypertension and diabetes alike
                    let draw = mix(UInt64(i))
                    let chronic = draw % UInt64(enrolEvery) == 0 && record.idNumber.age(on: today) >= 35
                    let programme = (draw / UInt64(enrolEvery)) % 2 == 0 ? ChronicProgramme.hypertension : .diabetes
                    if chronic {
                        record.chronicallyIll = true
                        record.conditions = [programme == .hypertension ? "高血压" : "2型糖尿病"]
                    }
                    record.id = try HealthRecordStore.insert(db, record)
                    if chronic { try enrol(db, record, programme: programme, index: i, today: today, now: now) }
                    if withServices { try serve(db, record, index: i, today: today) }
                }
            }
            done = range.upperBound
            progress?(done)
        }
        if withServices { try await database.write { db in try facilitiesAndEvents(db, communities: communities, today: today) } }
        return true
    }

    /// SplitMix64's finaliser: a well-spread, deterministic number for each resident.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Home sickbeds for some of the very old, family-planning files for some women of
    /// child-bearing age (registered and floating alike), visited or overdue.
    static func serve(_ db: Database, _ record: ResidentHealthRecord, index: Int, today: LocalDate) throws {
        let groups = record.groups(on: today, policy: HealthPolicy())
        if record.idNumber.age(on: today) >= 80, index % 10 == 0 {
            let bed = HomeSickbed(
                id: 0, recordID: record.id, community: record.community, grid: record.grid, reason: "卧床护理", openedOn: today.adding(days: -(index % 60)))
            _ = try SickbedStore.insert(db, bed)
        }
        if groups.womanOfChildBearingAge, index % 4 == 0 {
            let registered = today.adding(days: -(30 + index % 150))
            var file = FamilyPlanningRecord(
                id: 0, recordID: record.id, community: record.community, grid: record.grid, residence: record.residence, contraceptiveMethod: "IUD",
                intervalDays: 90, registeredOn: registered, nextVisitDue: registered.adding(days: 90), lastVisit: nil)
            file.id = try FamilyPlanningStore.insert(db, file)
            if index % 8 == 0 { try FamilyPlanningStore.update(db, try file.visiting(on: registered.adding(days: 20))) }
        }
    }

    /// Each community's health centre and family-planning room, and this month's education events.
    static func facilitiesAndEvents(_ db: Database, communities: [CommunityCode], today: LocalDate) throws {
        let first = try LocalDate(year: today.year, month: today.month, day: 1)
        for community in communities {
            _ = try ServiceStore.insertFacility(db, community: community, name: "社区卫生服务站 \(community.communityPart)", kind: .healthStation)
            _ = try ServiceStore.insertFacility(db, community: community, name: "计划生育服务室 \(community.communityPart)", kind: .familyPlanningRoom)
            _ = try ServiceStore.insertEvent(db, community: community, kind: .healthEducation, date: first, title: "高血压防治讲座", people: 45)
            _ = try ServiceStore.insertEvent(db, community: community, kind: .prevention, date: first, title: "老年人免费体检", people: 120)
        }
    }

    /// Enrols a demo resident and records one follow-up between 1 and 179 days ago, so about half
    /// are overdue on the quarterly schedule.
    static func enrol(_ db: Database, _ record: ResidentHealthRecord, programme: ChronicProgramme, index: Int, today: LocalDate, now: Date) throws {
        let enrolledOn = today.adding(days: -(180 + index % 200))
        let schedule = FollowUpSchedule(intervalDays: programme.intervalDays)
        var enrolment = ChronicEnrolment(
            id: 0, recordID: record.id, programme: programme.code, community: record.community, grid: record.grid,
            intervalDays: programme.intervalDays, enrolledOn: enrolledOn, nextDue: schedule.nextDue(after: enrolledOn), lastFollowUp: nil,
            followUps: 0, lastControlled: false)
        enrolment.id = try EnrolmentStore.insert(db, enrolment)
        let measurements =
            programme.measuresGlucose
            ? Measurements(glucoseTenths: 55 + index % 40) : Measurements(systolic: 120 + index % 40, diastolic: 75 + index % 20)
        let controlled = programme.isControlled(measurements)
        let date = today.adding(days: -(1 + index % 179))
        try EnrolmentStore.updateSchedule(db, try enrolment.recordingFollowUp(on: date, controlled: controlled))
        _ = try FollowUpStore.insert(
            db,
            ChronicFollowUp(id: 0, enrolmentID: enrolment.id, date: date, measurements: measurements, controlled: controlled, notes: "", recordedAt: now))
    }
}
