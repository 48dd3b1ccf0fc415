import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// A home sickbed to open, validated: OpenSickbed.
struct OpenSickbed: ValidatedCommand {
    let record: EntityID
    let reason: String
    let openedOn: LocalDate

    init(validating request: Health.OpenSickbedRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let record = validation.entityID(request.recordId, .healthRecord, field: "record_id")
        validation.text(request.reason, field: "reason", maxLength: 500, required: true)
        let openedOn = validation.pastDate(request.openedOn, field: "opened_on", today: office.today, defaultsToToday: true)
        try validation.finish()
        self.record = try validation.unwrap(record, field: "record_id")
        self.openedOn = try validation.unwrap(openedOn, field: "opened_on")
        reason = request.reason
    }
}

/// A visit to a home sickbed, validated: RecordSickbedVisit.
struct RecordSickbedVisit: ValidatedCommand {
    let sickbed: EntityID
    let date: LocalDate
    let notes: String

    init(validating request: Health.RecordSickbedVisitRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let sickbed = validation.entityID(request.sickbedId, .sickbed, field: "sickbed_id")
        let date = validation.pastDate(request.date, field: "date", today: office.today)
        validation.text(request.notes, field: "notes", maxLength: 2000)
        try validation.finish()
        self.sickbed = try validation.unwrap(sickbed, field: "sickbed_id")
        self.date = try validation.unwrap(date, field: "date")
        notes = request.notes
    }
}

/// The closing of a home sickbed, validated: CloseSickbed.
struct CloseSickbed: ValidatedCommand {
    let sickbed: EntityID
    let closedOn: LocalDate
    let outcome: String

    init(validating request: Health.CloseSickbedRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let sickbed = validation.entityID(request.sickbedId, .sickbed, field: "sickbed_id")
        let closedOn = validation.pastDate(request.closedOn, field: "closed_on", today: office.today)
        validation.text(request.outcome, field: "outcome", maxLength: 500, required: true)
        try validation.finish()
        self.sickbed = try validation.unwrap(sickbed, field: "sickbed_id")
        self.closedOn = try validation.unwrap(closedOn, field: "closed_on")
        outcome = request.outcome
    }
}
