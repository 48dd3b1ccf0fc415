import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// An enrolment in a chronic disease programme, validated: EnrollInProgramme.
struct EnrollInProgramme: ValidatedCommand {
    let record: EntityID
    let programme: String
    /// nil: the programme's own interval.
    let intervalDays: Int?
    let enrolledOn: LocalDate

    init(validating request: Health.EnrollInProgrammeRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let record = validation.entityID(request.recordId, .healthRecord, field: "record_id")
        let programme = validation.programmeCode(request.programmeCode, field: "programme_code")
        let intervals = office.policy.followUpIntervalDays
        validation.require(
            request.intervalDays == 0 || intervals.contains(Int(request.intervalDays)), field: "interval_days",
            "must be 0 (the programme's) or \(intervals.lowerBound)…\(intervals.upperBound)")
        let enrolledOn = validation.pastDate(request.enrolledOn, field: "enrolled_on", today: office.today, defaultsToToday: true)
        try validation.finish()
        self.record = try validation.unwrap(record, field: "record_id")
        self.programme = try validation.unwrap(programme, field: "programme_code")
        self.enrolledOn = try validation.unwrap(enrolledOn, field: "enrolled_on")
        intervalDays = request.intervalDays == 0 ? nil : Int(request.intervalDays)
    }
}
