import Synchronization

/// A value behind a lock that tasks can wait on until it reaches a state (tests only): every
/// `update` wakes the waiters, which look again. Waiting costs nothing while nothing changes, and
/// no clock decides when something happened.
final class StateWatch<State: Sendable>: Sendable {
    private struct Storage {
        var state: State
        var version: UInt64 = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let storage: Mutex<Storage>

    init(_ initial: State) {
        storage = Mutex(Storage(state: initial))
    }

    /// Reads the state.
    func read<T>(_ body: (State) throws -> T) rethrows -> T {
        try storage.withLock { try body($0.state) }
    }

    /// Changes the state and wakes every waiter.
    @discardableResult
    func update<T>(_ body: (inout State) throws -> T) rethrows -> T {
        let (result, waiters) = try storage.withLock { storage in
            let result = try body(&storage.state)
            storage.version &+= 1
            let waiters = storage.waiters.values
            storage.waiters.removeAll()
            return (result, Array(waiters))
        }
        for waiter in waiters { waiter.resume() }
        return result
    }

    /// Waits until `extract` returns a value for the state; throws `CancellationError` when the
    /// waiting task is cancelled.
    func wait<T>(until extract: (State) -> T?) async throws -> T {
        while true {
            let (value, version) = storage.withLock { (extract($0.state), $0.version) }
            if let value { return value }
            try Task.checkCancellation()
            await waitForChange(after: version)
        }
    }

    /// Returns once the state has changed since `version` (at once if it already has), or the
    /// task is cancelled.
    private func waitForChange(after version: UInt64) async {
        let id = storage.withLock { storage -> UInt64 in
            storage.nextWaiter &+= 1
            return storage.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = storage.withLock { storage -> Bool in
                    if storage.version != version || Task.isCancelled { return true }
                    storage.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            storage.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

/// Why a wait gave up: what it waited for, and what was seen meanwhile.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs `operation`, giving up after `timeout` with `WaitTimedOut` naming `what` (asked then, so
/// it can say what was seen meanwhile). The timeout only bounds a hang; a test never relies on it
/// for ordering.
func withTimeout<T: Sendable>(
    _ timeout: Duration, _ what: () -> String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw WaitTimedOut("gave up after \(timeout) waiting for \(what())")
        }
        return value
    }
}
