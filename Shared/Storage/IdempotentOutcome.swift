/// The reply of an idempotent write, and whether it was produced now or
/// replayed from an earlier call with the same key.
///
/// Services usually just send ``response``; the distinction exists for logs
/// and metrics (a burst of replays means clients are retrying).
public enum IdempotentOutcome: Sendable, Equatable {
    /// The work ran in this call and its reply was recorded.
    case executed([UInt8])
    /// An earlier call with the same key and request already ran the work;
    /// this is its stored reply.
    case replayed([UInt8])

    /// The serialized reply, either way.
    public var response: [UInt8] {
        switch self {
        case .executed(let response), .replayed(let response): response
        }
    }

    /// True when the reply came from the store instead of running the work.
    public var wasReplayed: Bool {
        if case .replayed = self { return true }
        return false
    }
}
