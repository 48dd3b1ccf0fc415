import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// Which registration GetFloatingResident asks for: by id, or the latest of a resident.
enum FloatingResidentLookup: ValidatedCommand {
    case registration(EntityID)
    case resident(ResidentIdentityNumber)

    init(validating request: Security.GetFloatingResidentRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        validation.require(
            request.registrationId.isEmpty != request.idNumber.isEmpty, field: "registration_id", "give either registration_id or id_number")
        let registration = request.registrationId.isEmpty ? nil : validation.entityID(request.registrationId, .floatingResident, field: "registration_id")
        let idNumber = request.idNumber.isEmpty ? nil : validation.residentID(request.idNumber, field: "id_number")
        try validation.finish()
        if let registration {
            self = .registration(registration)
        } else {
            self = .resident(try validation.unwrap(idNumber, field: "id_number"))
        }
    }

    /// The request field the lookup came from.
    var field: String {
        switch self {
        case .registration: return "registration_id"
        case .resident: return "id_number"
        }
    }

    /// NOT_FOUND naming the field asked by (the ID number masked: the message reaches logs).
    var notFound: RPCError {
        switch self {
        case .registration(let id): return .notFound(id, field: "registration_id")
        case .resident(let number): return .notFound(EntityKind.floatingResident.noun, field: "id_number", number.masked)
        }
    }
}
