/// The plausible range of each follow-up measurement: a value outside is a typing error, not a
/// reading, and is refused naming the field. Zero always means "not measured".
public struct MeasurementRanges: Sendable, Equatable {
    /// Systolic blood pressure, mmHg.
    public var systolic: ClosedRange<Int> = 60...280
    /// Diastolic blood pressure, mmHg.
    public var diastolic: ClosedRange<Int> = 30...180
    /// Fasting blood glucose, tenths of mmol/L (1.0–33.3 mmol/L).
    public var glucoseTenths: ClosedRange<Int> = 10...333

    public init() {}

    /// Every problem with `measurements` for a follow-up of `programme`, in field order; empty
    /// when they may be recorded. Without a programme only the ranges are checked.
    func problems(_ measurements: Measurements, programme: ChronicProgramme? = nil) -> [MeasurementProblem] {
        var problems: [MeasurementProblem] = []
        let bloodPressure = [(measurements.systolic, systolic, MeasurementProblem.Field.systolic), (measurements.diastolic, diastolic, .diastolic)]
        for (value, range, field) in bloodPressure {
            if value == 0 {
                if let programme, programme.measuresBloodPressure { problems.append(.required(field, programme: programme.code)) }
            } else if !range.contains(value) {
                problems.append(.outOfRange(field, value: value, range: range))
            }
        }
        if measurements.systolic != 0, measurements.diastolic != 0, measurements.diastolic >= measurements.systolic,
            systolic.contains(measurements.systolic), diastolic.contains(measurements.diastolic)
        {
            problems.append(.diastolicNotBelowSystolic)
        }
        if measurements.glucoseTenths == 0 {
            if let programme, programme.measuresGlucose { problems.append(.required(.glucose, programme: programme.code)) }
        } else if !glucoseTenths.contains(measurements.glucoseTenths) {
            problems.append(.outOfRange(.glucose, value: measurements.glucoseTenths, range: glucoseTenths))
        }
        return problems
    }
}

/// What is wrong with one measurement of a follow-up.
enum MeasurementProblem: Sendable, Equatable {
    /// A measurement the request carries.
    enum Field: String, Sendable {
        case systolic = "systolic_mmhg"
        case diastolic = "diastolic_mmhg"
        case glucose = "glucose_tenths"
    }

    case outOfRange(Field, value: Int, range: ClosedRange<Int>)
    case required(Field, programme: String)
    case diastolicNotBelowSystolic

    /// The request field the problem is about.
    var field: String {
        switch self {
        case .outOfRange(let field, _, _), .required(let field, _): field.rawValue
        case .diastolicNotBelowSystolic: MeasurementProblem.Field.diastolic.rawValue
        }
    }

    var description: String {
        switch self {
        case .outOfRange(_, let value, let range): "\(value) is outside \(range.lowerBound)…\(range.upperBound)"
        case .required(_, let programme): "is required by programme \(programme)"
        case .diastolicNotBelowSystolic: "must be below systolic_mmhg"
        }
    }
}
