import HealthContract
import WireProtocol

/// What a health record keeps besides the resident and the community, as both CreateHealthRecord
/// and UpdateHealthRecord carry it, validated the same way.
struct RecordDetails: Sendable {
    let residence: Health.ResidenceKind
    let chronicallyIll: Bool
    let disabled: Bool
    let poor: Bool
    let conditions: [String]
    let notes: String

    /// Records a violation for a missing residence kind, bad conditions or over-long notes.
    init(residence: Health.ResidenceKind, chronicallyIll: Bool, disabled: Bool, poor: Bool, conditions: [String], notes: String, validation: inout Validation) {
        validation.require(residence == .registered || residence == .floating, field: "residence", "is required: REGISTERED or FLOATING")
        self.conditions = validation.tags(conditions, field: "conditions")
        validation.text(notes, field: "notes", maxLength: 2000)
        self.residence = residence
        self.chronicallyIll = chronicallyIll
        self.disabled = disabled
        self.poor = poor
        self.notes = notes
    }
}

extension ResidentHealthRecord {
    /// The record with `details` in place of its own.
    func replacing(_ details: RecordDetails) -> ResidentHealthRecord {
        var record = self
        record.residence = details.residence
        record.chronicallyIll = details.chronicallyIll
        record.disabled = details.disabled
        record.poor = details.poor
        record.conditions = details.conditions
        record.notes = details.notes
        return record
    }
}
