import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// A new member of a household, validated: AddMember.
struct AddMember: ValidatedCommand {
    let household: EntityID
    let member: MemberRecord

    init(validating request: Assistance.AddMemberRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        var member: MemberRecord?
        if let given = request.member {
            member = validation.member(given, field: "member")
            validation.require(!given.head, field: "member.head", "the head changes only when the head leaves (RemoveMember)")
        } else {
            validation.fail(field: "member", "is required")
        }
        try validation.finish()
        self.household = try validation.unwrap(household, field: "household_id")
        self.member = try validation.unwrap(member, field: "member")
    }
}

/// A member leaving a household, validated: RemoveMember.
struct RemoveMember: ValidatedCommand {
    let household: EntityID
    let idNumber: ResidentIdentityNumber
    let reason: String
    let newHead: ResidentIdentityNumber?

    init(validating request: Assistance.RemoveMemberRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        validation.reason(request.reason, field: "reason", maxLength: 200)
        newHead = request.newHeadIdNumber.isEmpty ? nil : validation.residentID(request.newHeadIdNumber, field: "new_head_id_number")
        try validation.finish()
        self.household = try validation.unwrap(household, field: "household_id")
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        reason = request.reason
    }
}

/// A member's reported income and circumstances, validated: ReportIncome.
struct ReportIncome: ValidatedCommand {
    let household: EntityID
    let idNumber: ResidentIdentityNumber
    let income: Fen
    let workCapacity: Assistance.WorkCapacity
    let seriousIllness: Bool

    init(validating request: Assistance.ReportIncomeRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let income = validation.amount(request.monthlyIncomeFen, field: "monthly_income_fen", maximum: 100_000_000)
        validation.require(request.workCapacity != .unspecified, field: "work_capacity", "is required")
        try validation.finish()
        self.household = try validation.unwrap(household, field: "household_id")
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.income = try validation.unwrap(income, field: "monthly_income_fen")
        workCapacity = request.workCapacity
        seriousIllness = request.seriousIllness
    }
}
