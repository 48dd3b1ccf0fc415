import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// The changeable details of a health record, validated: UpdateHealthRecord.
struct UpdateHealthRecord: ValidatedCommand {
    let record: EntityID
    let grid: GridCode
    let details: RecordDetails

    init(validating request: Health.UpdateHealthRecordRequest, for office: HealthOffice, context: CallContext) async throws {
        var validation = Validation()
        let record = validation.entityID(request.recordId, .healthRecord, field: "record_id")
        let grid = validation.grid(request.gridCode, field: "grid_code")
        details = RecordDetails(
            residence: request.residence, chronicallyIll: request.chronicallyIll, disabled: request.disabled, poor: request.poor,
            conditions: request.conditions, notes: request.notes, validation: &validation)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.record = try validation.unwrap(record, field: "record_id")
        self.grid = try validation.unwrap(grid, field: "grid_code")
    }
}
