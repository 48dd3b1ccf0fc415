import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// A follow-up (随访) to record, validated: RecordFollowUp. The readings are range-checked here;
/// which readings the programme requires is checked against the enrolment in the write.
struct RecordFollowUp: ValidatedCommand {
    let enrolment: EntityID
    let date: LocalDate
    let measurements: Measurements
    let notes: String

    init(validating request: Health.RecordFollowUpRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let enrolment = validation.entityID(request.enrolmentId, .enrolment, field: "enrolment_id")
        let date = validation.pastDate(request.date, field: "date", today: office.today)
        // Out-of-range values are refused before they are converted, so no reading can overflow.
        let limit = UInt32(Int32.max)
        let measurements = Measurements(
            systolic: Int(min(request.systolicMmhg, limit)), diastolic: Int(min(request.diastolicMmhg, limit)),
            glucoseTenths: Int(min(request.glucoseTenths, limit)))
        for problem in office.policy.ranges.problems(measurements) { validation.fail(field: problem.field, problem.description) }
        validation.text(request.notes, field: "notes", maxLength: 2000)
        try validation.finish()
        self.enrolment = try validation.unwrap(enrolment, field: "enrolment_id")
        self.date = try validation.unwrap(date, field: "date")
        self.measurements = measurements
        notes = request.notes
    }
}
