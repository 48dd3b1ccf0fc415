import DepartmentKit
import Domain
import WindowContract
import WireProtocol

/// The checks every life event's form makes of the resident it is about, before anything is
/// stored: a clear INVALID_ARGUMENT at the window rather than a refusal by an office later.
struct CheckedPerson: Sendable {
    let idNumber: ResidentIdentityNumber
    let form: Window.PersonForm

    /// Checks `form` (nil: missing) under the field prefix `field` (e.g. "newcomer.person").
    static func check(_ form: Window.PersonForm?, field: String, _ validation: inout Validation) -> CheckedPerson? {
        guard let form else {
            validation.fail(field: field, "is required")
            return nil
        }
        let idNumber = validation.residentID(form.idNumber, field: "\(field).id_number")
        _ = validation.personName(form.name, field: "\(field).name")
        let community = validation.community(form.communityCode, field: "\(field).community_code")
        _ = validation.grid(form.gridCode, field: "\(field).grid_code", in: community)
        validation.text(form.address, field: "\(field).address", maxLength: 200, required: true)
        validation.text(form.phone, field: "\(field).phone", maxLength: 20)
        return idNumber.map { CheckedPerson(idNumber: $0, form: form) }
    }
}
