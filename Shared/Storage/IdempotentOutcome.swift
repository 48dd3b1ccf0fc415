/// The reply of an idempotent write, and whether the work ran in this call or an earlier call
/// with the same key had already done it.
///
/// Services usually just send ``reply``; the distinction exists for logs and metrics (a burst of
/// replays means clients are retrying).
public enum IdempotentOutcome<Reply: Sendable>: Sendable {
    /// The work ran in this call and its key was recorded.
    case executed(Reply)
    /// An earlier call by the same principal with the same key and request already ran the
    /// work; this reply was rendered again from what it recorded.
    case replayed(Reply)

    /// The reply, either way.
    public var reply: Reply {
        switch self {
        case .executed(let reply), .replayed(let reply): reply
        }
    }

    /// True when the work did not run in this call.
    public var wasReplayed: Bool {
        if case .replayed = self { return true }
        return false
    }
}

extension IdempotentOutcome: Equatable where Reply: Equatable {}
