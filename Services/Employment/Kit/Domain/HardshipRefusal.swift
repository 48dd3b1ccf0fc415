/// Why the office refuses to change a recognition of employment difficulty.
public enum HardshipRefusal: Error, Sendable, Equatable {
    /// There is no recognition in force to revoke.
    case notRecognised
}
