/// The readings of one follow-up (随访): blood pressure in mmHg and fasting glucose in tenths of
/// mmol/L, each 0 when not measured.
struct Measurements: Sendable, Equatable {
    var systolic = 0
    var diastolic = 0
    var glucoseTenths = 0
}
