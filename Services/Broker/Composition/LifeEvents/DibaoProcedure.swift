import AssistanceContract
import DepartmentKit
import Domain
import EmploymentContract
import HealthContract
import WindowContract
import WireProtocol

/// 低保申请: a minimum living allowance application, taken in once at the window — each
/// able-bodied member's employment status (employment) and every member's disability and
/// chronic illness (health) are asked first and kept with the case as evidence as they stood at
/// the time; then the household is registered (or found) and the application made (assistance).
struct DibaoProcedure: LifeEventProcedure {
    static let kind = Window.LifeEventKind.lifeEventDibao
    static let methods = [
        "employment.GetJobSeeker", "health.GetHealthRecord", "assistance.RegisterHousehold", "assistance.GetHousehold", "assistance.ApplyForAllowance",
    ]
    static let maximumMembers = 30

    let form: Window.DibaoForm
    /// The members' ID numbers, in form order.
    let members: [ResidentIdentityNumber]
    let head: ResidentIdentityNumber

    init(_ form: Window.DibaoForm?) throws(RPCError) {
        guard let form else { throw RPCError.invalidArgument(field: "dibao", "is required for a 低保 application") }
        var validation = Validation()
        let community = validation.community(form.communityCode, field: "dibao.community_code")
        _ = validation.grid(form.gridCode, field: "dibao.grid_code", in: community)
        validation.text(form.address, field: "dibao.address", maxLength: 200, required: true)
        validation.require((1...Self.maximumMembers).contains(form.members.count), field: "dibao.members", "1–\(Self.maximumMembers) members")
        validation.require(form.members.filter(\.head).count == 1, field: "dibao.members", "exactly one member is the head (head: true)")
        var members: [ResidentIdentityNumber] = []
        for (index, member) in form.members.enumerated() {
            let field = "dibao.members[\(index)]"
            if let number = validation.residentID(member.idNumber, field: "\(field).id_number") { members.append(number) }
            _ = validation.personName(member.name, field: "\(field).name")
            validation.text(member.relation, field: "\(field).relation", maxLength: 20)
            _ = validation.amount(member.monthlyIncomeFen, field: "\(field).monthly_income_fen")
            validation.require(Self.capacity(member.workCapacity) != nil, field: "\(field).work_capacity", "full, partial or none")
        }
        validation.require(Set(members).count == members.count, field: "dibao.members", "ID numbers must be distinct")
        try validation.finish()
        self.form = form
        self.members = members
        self.head = members[form.members.firstIndex(where: \.head)!]
    }

    static func capacity(_ text: String) -> Assistance.WorkCapacity? {
        switch text {
        case "full": .fullWorkCapacity
        case "partial": .partialWorkCapacity
        case "none": .noWorkCapacity
        default: nil
        }
    }

    var subject: ResidentIdentityNumber { head }
    var residents: [ResidentIdentityNumber] { members }
    var communityCode: String { form.communityCode }

    var steps: [PlannedStep] {
        var steps: [PlannedStep] = []
        for (index, member) in form.members.enumerated() where member.workCapacity == "full" {
            steps.append(PlannedStep(step: "employment.check.\(index)", office: "employment", title: "就业状况核查(成员\(index + 1) \(Masking.maskName(member.name)))"))
        }
        for (index, member) in form.members.enumerated() {
            steps.append(PlannedStep(step: "health.check.\(index)", office: "health", title: "残疾与慢性病核查(成员\(index + 1) \(Masking.maskName(member.name)))"))
        }
        let checks = steps.map(\.step)
        steps.append(PlannedStep(step: "assistance.household", office: "assistance", title: "家庭登记", dependsOn: checks))
        steps.append(PlannedStep(step: "assistance.application", office: "assistance", title: "低保申请", dependsOn: ["assistance.household"]))
        return steps
    }

    func perform(_ step: String, _ input: StepInput) async throws -> StepOutcome {
        if step.hasPrefix("employment.check."), let index = Int(step.dropFirst("employment.check.".count)), members.indices.contains(index) {
            return try await employmentCheck(members[index], input)
        }
        if step.hasPrefix("health.check."), let index = Int(step.dropFirst("health.check.".count)), members.indices.contains(index) {
            return try await healthCheck(members[index], input)
        }
        let assistance = Assistance.AssistanceClient(input.calls)
        switch step {
        case "assistance.household":
            return try await StepOutcome.creating("assistance") {
                try await assistance.registerHousehold(
                    Assistance.RegisterHouseholdRequest(
                        communityCode: form.communityCode, gridCode: form.gridCode, address: form.address,
                        members: form.members.map {
                            Assistance.Member(
                                idNumber: $0.idNumber, name: $0.name, relation: $0.relation, monthlyIncomeFen: $0.monthlyIncomeFen,
                                workCapacity: Self.capacity($0.workCapacity) ?? .unspecified, seriousIllness: $0.seriousIllness, head: $0.head)
                        }), deadline: StepInput.deadline, idempotencyKey: input.idempotencyKey
                ).householdId
            } existing: {
                // The household is registered already: apply for it as it stands.
                try await assistance.getHousehold(Assistance.GetHouseholdRequest(idNumber: head.rawValue), deadline: StepInput.deadline).householdId
            }
        case "assistance.application":
            return try await StepOutcome.asking("assistance") {
                let opened = try await assistance.applyForAllowance(
                    Assistance.ApplyForAllowanceRequest(
                        householdId: input.results["assistance.household"] ?? "",
                        evidence: input.evidence.map {
                            Assistance.CaseEvidence(
                                office: $0.office, subjectMasked: $0.subjectMasked, finding: $0.finding, checkedAtMs: $0.checkedAtMs, source: input.receipt)
                        }), deadline: StepInput.deadline,
                    idempotencyKey: input.idempotencyKey)
                return .done(opened.caseId)
            }
        default:
            return .rejected("unknown step \(step)", nextAction: "请联系系统管理员")
        }
    }

    private func employmentCheck(_ member: ResidentIdentityNumber, _ input: StepInput) async throws -> StepOutcome {
        try await StepOutcome.checking("employment") {
            let seeker = try await Employment.EmploymentClient(input.calls).getJobSeeker(
                Employment.GetJobSeekerRequest(idNumber: member.rawValue), deadline: StepInput.deadline)
            let status = EmploymentSummary.status(seeker.status)
            return .done(status, evidence: input.evidence("employment", about: member, "求职登记 \(seeker.seekerId): \(status)"))
        } none: {
            .done("未登记", evidence: input.evidence("employment", about: member, "未做求职登记"))
        }
    }

    private func healthCheck(_ member: ResidentIdentityNumber, _ input: StepInput) async throws -> StepOutcome {
        try await StepOutcome.checking("health") {
            let record = try await Health.HealthClient(input.calls).getHealthRecord(
                Health.GetHealthRecordRequest(idNumber: member.rawValue), deadline: StepInput.deadline)
            let flags = record.flags ?? Health.PriorityFlags()
            let finding = "健康档案 \(record.recordId): 残疾 \(flags.disabled ? "是" : "否"), 慢性病 \(flags.chronicallyIll ? "是" : "否")"
            return .done(record.recordId, evidence: input.evidence("health", about: member, finding))
        } none: {
            .done("无档案", evidence: input.evidence("health", about: member, "无健康档案"))
        }
    }
}
