import DepartmentKit
import Domain
import EmploymentContract
import HealthContract
import SecurityContract
import WindowContract
import WireProtocol

/// 新市民落脚: a newcomer's arrival, taken in once at the window — floating-population registration
/// (security), a health record and family-planning file (health), and a job-seeker registration
/// when the form asks for one (employment, as 农民工 / migrant worker).
struct NewcomerProcedure: LifeEventProcedure {
    static let kind = Window.LifeEventKind.lifeEventNewcomer
    static let methods = [
        "security.RegisterArrival", "security.GetFloatingResident", "health.CreateHealthRecord", "health.GetHealthRecord",
        "health.RegisterFamilyPlanning", "employment.RegisterJobSeeker", "employment.GetJobSeeker",
    ]

    let form: Window.NewcomerForm
    let person: CheckedPerson

    init(_ form: Window.NewcomerForm?) throws(RPCError) {
        var validation = Validation()
        let person = CheckedPerson.check(form?.person, field: "newcomer.person", &validation)
        if let form {
            _ = validation.date(form.arrivalDate, field: "newcomer.arrival_date")
            validation.require((1...3660).contains(form.expectedStayDays), field: "newcomer.expected_stay_days", "1…3660 days")
            if !form.originDivisionCode.isEmpty { _ = validation.divisionCode(form.originDivisionCode, field: "newcomer.origin_division_code") }
            validation.text(form.landlord, field: "newcomer.landlord", maxLength: 40)
            validation.text(form.contraceptiveMethod, field: "newcomer.contraceptive_method", maxLength: 40)
            _ = validation.tags(form.skills, field: "newcomer.skills")
            validation.text(form.wishes, field: "newcomer.wishes", maxLength: 200)
        }
        try validation.finish()
        self.form = form!
        self.person = person!
    }

    var subject: ResidentIdentityNumber { person.idNumber }
    var residents: [ResidentIdentityNumber] { [person.idNumber] }
    var communityCode: String { person.form.communityCode }

    var steps: [PlannedStep] {
        [
            PlannedStep(step: "security.arrival", office: "security", title: "流动人口登记"),
            PlannedStep(step: "health.record", office: "health", title: "建立健康档案"),
            PlannedStep(step: "health.family-planning", office: "health", title: "计划生育服务登记", dependsOn: ["health.record"]),
            PlannedStep(
                step: "employment.seeker", office: "employment", title: "求职登记",
                skippedBecause: form.registerJobSeeker ? nil : "表单未申请求职登记"),
        ]
    }

    func perform(_ step: String, _ input: StepInput) async throws -> StepOutcome {
        let person = person.form
        switch step {
        case "security.arrival":
            let security = Security.SecurityClient(input.calls)
            return try await StepOutcome.creating("security") {
                try await security.registerArrival(
                    Security.RegisterArrivalRequest(
                        idNumber: person.idNumber, name: person.name, originDivisionCode: form.originDivisionCode, communityCode: person.communityCode,
                        gridCode: person.gridCode, address: person.address, landlord: form.landlord, arrivalDate: form.arrivalDate,
                        expectedStayDays: form.expectedStayDays, phone: person.phone), deadline: StepInput.deadline, idempotencyKey: input.idempotencyKey
                ).registrationId
            } existing: {
                try await security.getFloatingResident(Security.GetFloatingResidentRequest(idNumber: person.idNumber), deadline: StepInput.deadline)
                    .registrationId
            }
        case "health.record":
            let health = Health.HealthClient(input.calls)
            return try await StepOutcome.creating("health") {
                try await health.createHealthRecord(
                    Health.CreateHealthRecordRequest(
                        idNumber: person.idNumber, name: person.name, communityCode: person.communityCode, gridCode: person.gridCode, residence: .floating),
                    deadline: StepInput.deadline, idempotencyKey: input.idempotencyKey
                ).recordId
            } existing: {
                try await health.getHealthRecord(Health.GetHealthRecordRequest(idNumber: person.idNumber), deadline: StepInput.deadline).recordId
            }
        case "health.family-planning":
            return try await StepOutcome.creating("health") {
                try await Health.HealthClient(input.calls).registerFamilyPlanning(
                    Health.RegisterFamilyPlanningRequest(recordId: input.results["health.record"] ?? "", contraceptiveMethod: form.contraceptiveMethod),
                    deadline: StepInput.deadline, idempotencyKey: input.idempotencyKey
                ).fileId
            } existing: {
                "已有计生服务登记"
            }
        case "employment.seeker":
            return try await JobSeekerStep.register(
                Employment.RegisterJobSeekerRequest(
                    idNumber: person.idNumber, name: person.name, communityCode: person.communityCode, gridCode: person.gridCode, category: .migrantWorker,
                    skills: form.skills, wishes: form.wishes, acceptsPromise: form.acceptsPromise, phone: person.phone), input)
        default:
            return .rejected("unknown step \(step)", nextAction: "请联系系统管理员")
        }
    }
}
