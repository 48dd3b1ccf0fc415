import DepartmentKit
import HealthContract
import WireProtocol
import WireRuntime

/// A chronic disease programme's definition, validated: DefineProgramme.
struct DefineProgramme: ValidatedCommand {
    let programme: ChronicProgramme

    init(validating request: Health.DefineProgrammeRequest, for office: HealthOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let given = request.programme ?? Health.Programme()
        let code = validation.programmeCode(given.code, field: "programme.code")
        validation.text(given.name, field: "programme.name", maxLength: 60, required: true)
        let intervals = office.policy.followUpIntervalDays
        validation.require(
            intervals.contains(Int(given.intervalDays)), field: "programme.interval_days", "must be \(intervals.lowerBound)…\(intervals.upperBound)")
        let ranges = office.policy.ranges
        let targets: [(UInt32, ClosedRange<Int>, String)] = [
            (given.controlledSystolicBelow, ranges.systolic, "programme.controlled_systolic_below"),
            (given.controlledDiastolicBelow, ranges.diastolic, "programme.controlled_diastolic_below"),
            (given.controlledGlucoseBelowTenths, ranges.glucoseTenths, "programme.controlled_glucose_below_tenths"),
        ]
        for (target, range, field) in targets {
            validation.require(target == 0 || range.contains(Int(target)), field: field, "must be 0 or \(range.lowerBound)…\(range.upperBound)")
        }
        try validation.finish()
        programme = ChronicProgramme(
            code: try validation.unwrap(code, field: "programme.code"), name: given.name, intervalDays: Int(given.intervalDays),
            measuresBloodPressure: given.measuresBloodPressure, measuresGlucose: given.measuresGlucose,
            controlledSystolicBelow: Int(given.controlledSystolicBelow), controlledDiastolicBelow: Int(given.controlledDiastolicBelow),
            controlledGlucoseBelowTenths: Int(given.controlledGlucoseBelowTenths))
    }
}
