import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// A medical or education grant application, validated: ApplyForGrant.
struct ApplyForGrant: ValidatedCommand {
    let household: EntityID
    let idNumber: ResidentIdentityNumber
    let kind: Assistance.GrantKind
    let requested: Fen
    let purpose: String

    init(validating request: Assistance.ApplyForGrantRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        let requested = validation.amount(request.requestedFen, field: "requested_fen", maximum: 10_000_000)
        validation.require(request.requestedFen != 0, field: "requested_fen", "must be positive")
        validation.reason(request.purpose, field: "purpose")
        try validation.finish()
        self.household = try validation.unwrap(household, field: "household_id")
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.requested = try validation.unwrap(requested, field: "requested_fen")
        kind = request.kind
        purpose = request.purpose
    }
}

/// A decision on a grant, validated: DecideGrant.
struct DecideGrant: ValidatedCommand {
    let grant: EntityID
    let approve: Bool
    let granted: Fen
    let reason: String

    init(validating request: Assistance.DecideGrantRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let grant = validation.entityID(request.grantId, .grant, field: "grant_id")
        let granted = validation.amount(request.grantedFen, field: "granted_fen", maximum: 10_000_000)
        validation.require(request.approve || request.grantedFen == 0, field: "granted_fen", "must be 0 when rejecting")
        validation.reason(request.reason, field: "reason")
        try validation.finish()
        self.grant = try validation.unwrap(grant, field: "grant_id")
        self.granted = try validation.unwrap(granted, field: "granted_fen")
        approve = request.approve
        reason = request.reason
    }
}
