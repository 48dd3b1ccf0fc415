import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// A community's minimum living standard from a date, validated: SetStandard.
struct SetStandard: ValidatedCommand {
    let community: CommunityCode
    let effectiveDate: LocalDate
    let monthly: Fen

    init(validating request: Assistance.SetStandardRequest, for office: AssistanceOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let date = validation.date(request.effectiveDate, field: "effective_date")
        let monthly = validation.amount(request.monthlyFen, field: "monthly_fen", maximum: 10_000_000)
        validation.require(request.monthlyFen != 0, field: "monthly_fen", "must be positive")
        try await office.checkRegistered(community, field: "community_code", context: context, &validation)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        effectiveDate = try validation.unwrap(date, field: "effective_date")
        self.monthly = try validation.unwrap(monthly, field: "monthly_fen")
    }
}
