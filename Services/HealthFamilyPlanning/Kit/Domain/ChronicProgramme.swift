/// A chronic disease programme (慢性病管理项目) as data: its follow-up interval, which readings
/// each follow-up needs and the control targets (控制目标) a reading is judged by. Hypertension
/// and type 2 diabetes are installed with the national basic health service's figures
/// (quarterly follow-ups; < 140/90 mmHg; fasting glucose < 7.0 mmol/L); more can be defined.
struct ChronicProgramme: Sendable, Equatable {
    var code: String
    var name: String
    var intervalDays: Int
    var measuresBloodPressure: Bool
    var measuresGlucose: Bool
    /// 0: not judged by it.
    var controlledSystolicBelow: Int
    var controlledDiastolicBelow: Int
    var controlledGlucoseBelowTenths: Int

    /// Whether `measurements` meet every target the programme sets; a target whose reading was
    /// not taken is not met.
    func isControlled(_ measurements: Measurements) -> Bool {
        let targets = [
            (controlledSystolicBelow, measurements.systolic), (controlledDiastolicBelow, measurements.diastolic),
            (controlledGlucoseBelowTenths, measurements.glucoseTenths),
        ]
        return targets.allSatisfy { target, value in target == 0 || (value != 0 && value < target) }
    }

    /// 高血压: quarterly, < 140/90 mmHg.
    static let hypertension = ChronicProgramme(
        code: "hypertension", name: "高血压 hypertension", intervalDays: 90, measuresBloodPressure: true, measuresGlucose: false,
        controlledSystolicBelow: 140, controlledDiastolicBelow: 90, controlledGlucoseBelowTenths: 0)

    /// 2 型糖尿病: quarterly, fasting glucose < 7.0 mmol/L.
    static let diabetes = ChronicProgramme(
        code: "diabetes", name: "2型糖尿病 type 2 diabetes", intervalDays: 90, measuresBloodPressure: false, measuresGlucose: true,
        controlledSystolicBelow: 0, controlledDiastolicBelow: 0, controlledGlucoseBelowTenths: 70)
}
