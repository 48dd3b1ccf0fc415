import AssistanceContract
import Domain

/// Medical and education grants (医疗救助, 教育救助): one-off applications, decided once.
package enum GrantRules {
    /// The state and amount a decision gives a grant in `state` that asked for `requested`.
    package static func decide(
        _ state: Assistance.GrantState, approve: Bool, granted: Fen, requested: Fen
    ) throws(GrantRefusal) -> (state: Assistance.GrantState, granted: Fen) {
        guard state == .pending else { throw .notPending(state) }
        guard approve else { return (.rejected, .zero) }
        guard granted > .zero else { throw .nothingGranted }
        guard granted <= requested else { throw .grantedAboveRequested(requested) }
        return (.approved, granted)
    }
}

/// Why a grant decision is refused.
package enum GrantRefusal: Error, Sendable, Equatable {
    /// The grant was decided already.
    case notPending(Assistance.GrantState)
    /// An approval grants at least one fen.
    case nothingGranted
    /// An approval grants at most what was asked for.
    case grantedAboveRequested(Fen)
}
