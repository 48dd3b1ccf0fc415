import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A service delivered, validated: RecordService. The day lies within the last 31 days; the
/// seeker is optional (a walk-in consultation has none).
struct RecordService: ValidatedCommand {
    let community: CommunityCode
    let communityName: String
    let kind: Employment.ServiceKind
    let deliveredOn: LocalDate
    let seeker: EntityID?

    init(validating request: Employment.RecordServiceRequest, for office: EmploymentOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.kind != .unspecified, field: "kind", "is required: POLICY_CONSULTATION, JOB_INTRODUCTION or TRAINING_REFERRAL")
        let deliveredOn = validation.date(request.deliveredOn, field: "delivered_on")
        let today = LocalDate(office.now())
        if let deliveredOn {
            validation.require(
                deliveredOn <= today && deliveredOn >= today.adding(days: -31), field: "delivered_on", "must lie within the last 31 days")
        }
        seeker = request.seekerId.isEmpty ? nil : validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let communityName = try await office.registeredName(community, field: "community_code", context: context, &validation)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.communityName = try validation.unwrap(communityName, field: "community_code")
        self.deliveredOn = try validation.unwrap(deliveredOn, field: "delivered_on")
        kind = request.kind
    }
}
