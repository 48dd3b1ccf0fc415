/// How a spell's 48-hour promise (不挑不拣保你48小时上岗) ended, stored with the spell once decided
/// so that nothing done later (a withdrawal, a re-registration) can undo it.
public enum PromiseOutcome: Int, Sendable, Equatable {
    /// The seeker did not accept the promise.
    case none = 0
    /// Running: the seeker is waiting (broken once the deadline passes, without a write).
    case open = 1
    /// The work started by the deadline.
    case kept = 2
    /// The work started after the deadline, or the spell ended without work after it.
    case broken = 3
    /// The seeker refused enough suitable offers (不挑不拣 not met): counted apart.
    case released = 4
    /// The spell ended before the deadline without a placement (moved away, deceased, …).
    case lapsed = 5
}
