import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// Which household GetHousehold asks for: by id, or by a present member's ID number.
enum HouseholdLookup: ValidatedCommand {
    case household(EntityID)
    case member(ResidentIdentityNumber)

    init(validating request: Assistance.GetHouseholdRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        validation.require(request.householdId.isEmpty != request.idNumber.isEmpty, field: "household_id", "give either household_id or id_number")
        let household = request.householdId.isEmpty ? nil : validation.entityID(request.householdId, .household, field: "household_id")
        let idNumber = request.idNumber.isEmpty ? nil : validation.residentID(request.idNumber, field: "id_number")
        try validation.finish()
        if let household {
            self = .household(household)
        } else {
            self = .member(try validation.unwrap(idNumber, field: "id_number"))
        }
    }

    /// The request field the lookup came from.
    var field: String {
        switch self {
        case .household: "household_id"
        case .member: "id_number"
        }
    }

    /// NOT_FOUND naming the field asked by (the ID number masked: the message reaches logs).
    var notFound: RPCError {
        switch self {
        case .household(let id): .notFound(id, field: "household_id")
        case .member(let number): .notFound(EntityKind.household.noun, field: "id_number", "with member \(number.masked)")
        }
    }
}
