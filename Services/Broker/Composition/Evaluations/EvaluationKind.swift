import DepartmentKit

/// The public ids of the window's evaluation records: `E12` for a rating, `R7` for the
/// rectification item it opened.
enum EvaluationKind {
    static let evaluation = EntityKind(prefix: "E", noun: "evaluation")
    static let rectification = EntityKind(prefix: "R", noun: "rectification item")
}
