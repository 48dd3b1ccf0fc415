import Domain
import GRDB

/// Per-community counters of spells and promises, kept in the same transaction as the write that
/// changes them, so the community figures are read in one row at any size of the register. What
/// depends on the clock (promises whose deadline has passed while the seeker waits) is counted
/// by `SpellStore` over the small range of deadlines still ahead.
public enum FigureStore {
    /// The counters of one community.
    public struct Counters: Sendable, Equatable {
        public var spellsOpened = 0
        public var spellsOpen = 0
        public var promisesOpen = 0
        public var promisesKept = 0
        public var promisesBroken = 0
        public var promisesReleased = 0
        public var zeroHouseholds = 0
        public var householdsCleared = 0
    }

    /// A change of the counters: what a spell opening, closing or releasing its promise does.
    public struct Change: Sendable, Equatable {
        var spellsOpened = 0, spellsOpen = 0, promisesOpen = 0, kept = 0, broken = 0, released = 0, zeroHouseholds = 0, cleared = 0

        /// A spell opens, with or without a promise.
        public static func opened(promise: Bool) -> Change { Change(spellsOpened: 1, spellsOpen: 1, promisesOpen: promise ? 1 : 0) }

        /// A spell closes; an open promise ends as `outcome`.
        public static func closed(promiseWasOpen: Bool, outcome: PromiseOutcome) -> Change {
            guard promiseWasOpen else { return Change(spellsOpen: -1) }
            return Change(spellsOpen: -1, promisesOpen: -1, kept: outcome == .kept ? 1 : 0, broken: outcome == .broken ? 1 : 0)
        }

        /// An open promise is released by refused offers.
        public static let released = Change(promisesOpen: -1, released: 1)

        /// A household's members are now all without work (零就业家庭).
        public static let householdBecameZero = Change(zeroHouseholds: 1)

        /// A household has a member in work again (`cleared`), or no member who counts.
        public static func householdLeftZero(cleared: Bool) -> Change { Change(zeroHouseholds: -1, cleared: cleared ? 1 : 0) }
    }

    public static func apply(_ db: Database, community: CommunityCode, _ change: Change) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO community_figures(community_code, spells_opened, spells_open, promises_open, promises_kept, promises_broken, promises_released,
                    zero_households, households_cleared)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                ON CONFLICT(community_code) DO UPDATE SET spells_opened = spells_opened + ?2, spells_open = spells_open + ?3,
                    promises_open = promises_open + ?4, promises_kept = promises_kept + ?5, promises_broken = promises_broken + ?6,
                    promises_released = promises_released + ?7, zero_households = zero_households + ?8, households_cleared = households_cleared + ?9
                """
        ).execute(arguments: [
            community.rawValue, change.spellsOpened, change.spellsOpen, change.promisesOpen, change.kept, change.broken, change.released,
            change.zeroHouseholds, change.cleared,
        ])
    }

    public static func counters(_ db: Database, community: CommunityCode) throws -> Counters {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM community_figures WHERE community_code = ?"), arguments: [community.rawValue])
        else { return Counters() }
        return Counters(
            spellsOpened: row["spells_opened"], spellsOpen: row["spells_open"], promisesOpen: row["promises_open"],
            promisesKept: row["promises_kept"], promisesBroken: row["promises_broken"], promisesReleased: row["promises_released"],
            zeroHouseholds: row["zero_households"], householdsCleared: row["households_cleared"])
    }
}
