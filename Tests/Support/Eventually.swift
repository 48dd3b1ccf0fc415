import Foundation

/// Polls `condition` until it holds or `timeout` seconds pass; returns whether it held.
public func eventually(timeout: Double = 10, every interval: Double = 0.05, _ condition: () async throws -> Bool) async -> Bool {
    let giveUp = Date().addingTimeInterval(timeout)
    while Date() < giveUp {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
    }
    return (try? await condition()) == true
}

/// Polls `condition` (a look at observable state: a listing, a status) with a short pause between
/// looks until it holds. An error `condition` throws ends the wait with that error; after
/// `timeout`, which only bounds a hang, it throws `WaitTimedOut` naming `what`.
public func waitUntil(
    _ what: String, timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let giveUp = clock.now + timeout
    while true {
        if try await condition() { return }
        guard clock.now < giveUp else { throw WaitTimedOut("gave up after \(timeout) waiting for \(what)") }
        try await Task.sleep(for: interval)
    }
}
