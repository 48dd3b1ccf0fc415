import AssistanceContract
import DepartmentKit
import Domain
import EmploymentContract
import SecurityContract
import WindowContract
import WireProtocol

/// 刑满释放: a release from prison, taken in once at the window — the resettlement case
/// (安置帮教, security), a job-seeker registration as a released prisoner (a hardship group,
/// employment), and a check whether the person's household is known to assistance (its answer
/// kept as evidence, so the clerk can offer a 低保 application).
struct ReleaseProcedure: LifeEventProcedure {
    static let kind = Window.LifeEventKind.lifeEventRelease
    static let methods = ["security.OpenCase", "employment.RegisterJobSeeker", "employment.GetJobSeeker", "assistance.GetHousehold"]

    let form: Window.ReleaseForm
    let person: CheckedPerson
    let termStart: LocalDate
    let termEnd: LocalDate

    init(_ form: Window.ReleaseForm?) throws(RPCError) {
        var validation = Validation()
        let person = CheckedPerson.check(form?.person, field: "release.person", &validation)
        let start = validation.date(form?.releaseDate ?? "", field: "release.release_date")
        var end: LocalDate?
        if let form, !form.resettlementEndDate.isEmpty {
            end = validation.date(form.resettlementEndDate, field: "release.resettlement_end_date")
        } else if let start {
            end = Self.defaultEnd(after: start)
        }
        if let start, let end { validation.require(end >= start, field: "release.resettlement_end_date", "not before the release date") }
        if let form {
            _ = validation.tags(form.skills, field: "release.skills")
            validation.text(form.wishes, field: "release.wishes", maxLength: 200)
        }
        try validation.finish()
        self.form = form!
        self.person = person!
        self.termStart = start!
        self.termEnd = end!
    }

    /// Five years of resettlement (安置帮教期) after release, the last day included.
    static func defaultEnd(after start: LocalDate) -> LocalDate {
        // 29 February has no anniversary in a common year: the term then runs to 28 February.
        let anniversary =
            (try? LocalDate(year: start.year + 5, month: start.month, day: start.day))
            ?? ((try? LocalDate(year: start.year + 5, month: start.month, day: 28))?.adding(days: 1) ?? start)
        return anniversary.adding(days: -1)
    }

    var subject: ResidentIdentityNumber { person.idNumber }
    var residents: [ResidentIdentityNumber] { [person.idNumber] }
    var communityCode: String { person.form.communityCode }

    var steps: [PlannedStep] {
        [
            PlannedStep(step: "security.resettlement", office: "security", title: "安置帮教建档"),
            PlannedStep(step: "employment.seeker", office: "employment", title: "求职登记(刑满释放人员)"),
            PlannedStep(step: "assistance.household-check", office: "assistance", title: "家庭救助情况核查"),
        ]
    }

    func perform(_ step: String, _ input: StepInput) async throws -> StepOutcome {
        let person = person.form
        switch step {
        case "security.resettlement":
            return try await StepOutcome.asking("security") {
                let opened = try await Security.SecurityClient(input.calls).openCase(
                    Security.OpenCaseRequest(
                        kind: .resettlement, idNumber: person.idNumber, name: person.name, communityCode: person.communityCode, gridCode: person.gridCode,
                        termStart: termStart.description, termEnd: termEnd.description),
                    deadline: StepInput.deadline, idempotencyKey: input.idempotencyKey)
                return .done(opened.caseId)
            }
        case "employment.seeker":
            return try await JobSeekerStep.register(
                Employment.RegisterJobSeekerRequest(
                    idNumber: person.idNumber, name: person.name, communityCode: person.communityCode, gridCode: person.gridCode,
                    category: .releasedPrisoner, skills: form.skills, wishes: form.wishes, phone: person.phone), input)
        case "assistance.household-check":
            return try await StepOutcome.checking("assistance") {
                let household = try await Assistance.AssistanceClient(input.calls).getHousehold(
                    Assistance.GetHouseholdRequest(idNumber: person.idNumber), deadline: StepInput.deadline)
                let finding = "已登记家庭 \(household.householdId), \(household.members.count) 人"
                return .done(household.householdId, evidence: input.evidence("assistance", about: subject, finding))
            } none: {
                .done("无家庭登记", evidence: input.evidence("assistance", about: subject, "社会救助无家庭登记: 如生活困难可申请低保"))
            }
        default:
            return .rejected("unknown step \(step)", nextAction: "请联系系统管理员")
        }
    }
}
