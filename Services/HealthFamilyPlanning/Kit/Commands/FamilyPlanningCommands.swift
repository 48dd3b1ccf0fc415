import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// A registration for family-planning services, validated: RegisterFamilyPlanning.
struct RegisterFamilyPlanning: ValidatedCommand {
    let record: EntityID
    let contraceptiveMethod: String
    let intervalDays: Int
    let registeredOn: LocalDate

    init(validating request: Health.RegisterFamilyPlanningRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let record = validation.entityID(request.recordId, .healthRecord, field: "record_id")
        validation.text(request.contraceptiveMethod, field: "contraceptive_method", maxLength: 40)
        let intervals = office.policy.followUpIntervalDays
        validation.require(
            request.visitIntervalDays == 0 || intervals.contains(Int(request.visitIntervalDays)), field: "visit_interval_days",
            "must be 0 (the office's) or \(intervals.lowerBound)…\(intervals.upperBound)")
        let registeredOn = validation.pastDate(request.registeredOn, field: "registered_on", today: office.today, defaultsToToday: true)
        try validation.finish()
        self.record = try validation.unwrap(record, field: "record_id")
        self.registeredOn = try validation.unwrap(registeredOn, field: "registered_on")
        contraceptiveMethod = request.contraceptiveMethod
        intervalDays = request.visitIntervalDays == 0 ? office.policy.familyPlanningVisitDays : Int(request.visitIntervalDays)
    }
}

/// A birth to record, validated: RecordBirth.
struct RecordBirth: ValidatedCommand {
    let file: EntityID
    let date: LocalDate
    let sex: Health.ChildSex

    init(validating request: Health.RecordBirthRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let file = validation.entityID(request.fileId, .familyPlanningFile, field: "file_id")
        let date = validation.pastDate(request.birthDate, field: "birth_date", today: office.today)
        validation.require(request.sex == .boy || request.sex == .girl, field: "sex", "is required: BOY or GIRL")
        try validation.finish()
        self.file = try validation.unwrap(file, field: "file_id")
        self.date = try validation.unwrap(date, field: "birth_date")
        sex = request.sex
    }
}

/// Contraceptives handed out (药具发放), validated: RecordContraceptiveDistribution.
struct RecordContraceptiveDistribution: ValidatedCommand {
    let file: EntityID
    let item: String
    let quantity: Int
    let date: LocalDate

    init(validating request: Health.RecordContraceptiveDistributionRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let file = validation.entityID(request.fileId, .familyPlanningFile, field: "file_id")
        validation.text(request.item, field: "item", maxLength: 40, required: true)
        validation.require((1...1000).contains(request.quantity), field: "quantity", "must be 1…1000")
        let date = validation.pastDate(request.date, field: "date", today: office.today)
        try validation.finish()
        self.file = try validation.unwrap(file, field: "file_id")
        self.date = try validation.unwrap(date, field: "date")
        item = request.item
        quantity = Int(request.quantity)
    }
}

/// A family-planning follow-up visit (随访探视), validated: RecordFamilyPlanningVisit.
struct RecordFamilyPlanningVisit: ValidatedCommand {
    let file: EntityID
    let date: LocalDate
    let notes: String

    init(validating request: Health.RecordFamilyPlanningVisitRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let file = validation.entityID(request.fileId, .familyPlanningFile, field: "file_id")
        let date = validation.pastDate(request.date, field: "date", today: office.today)
        validation.text(request.notes, field: "notes", maxLength: 2000)
        try validation.finish()
        self.file = try validation.unwrap(file, field: "file_id")
        self.date = try validation.unwrap(date, field: "date")
        notes = request.notes
    }
}
