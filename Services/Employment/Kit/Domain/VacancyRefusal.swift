/// Why the office refuses to change a vacancy (岗位), with the facts.
public enum VacancyRefusal: Error, Sendable, Equatable {
    case closed
    /// Fewer positions than are already filled.
    case positionsBelowFilled(filled: Int, requested: Int)
}
