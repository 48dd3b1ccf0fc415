import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// Which job seeker GetJobSeeker asks for: by the office's id, or by the resident's ID number.
enum JobSeekerLookup: ValidatedCommand {
    case seeker(EntityID)
    case resident(ResidentIdentityNumber)

    init(validating request: Employment.GetJobSeekerRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        validation.require(request.seekerId.isEmpty != request.idNumber.isEmpty, field: "seeker_id", "give either seeker_id or id_number")
        let seeker = request.seekerId.isEmpty ? nil : validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let idNumber = request.idNumber.isEmpty ? nil : validation.residentID(request.idNumber, field: "id_number")
        try validation.finish()
        if let seeker {
            self = .seeker(seeker)
        } else {
            self = .resident(try validation.unwrap(idNumber, field: "id_number"))
        }
    }

    /// NOT_FOUND naming the field asked by (the ID number masked: the message reaches logs).
    /// The request field the lookup came from.
    var field: String {
        switch self {
        case .seeker: return "seeker_id"
        case .resident: return "id_number"
        }
    }

    var notFound: RPCError {
        switch self {
        case .seeker(let id): return .notFound(id, field: "seeker_id")
        case .resident(let number): return .notFound(EntityKind.jobSeeker.noun, field: "id_number", number.masked)
        }
    }
}
