import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A departure to record, validated: RecordDeparture.
struct RecordDeparture: ValidatedCommand {
    let registration: EntityID
    let date: LocalDate

    init(validating request: Security.RecordDepartureRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let registration = validation.entityID(request.registrationId, .floatingResident, field: "registration_id")
        let date = validation.pastDate(request.departureDate, field: "departure_date", today: office.today)
        try validation.finish()
        self.registration = try validation.unwrap(registration, field: "registration_id")
        self.date = try validation.unwrap(date, field: "departure_date")
    }
}
