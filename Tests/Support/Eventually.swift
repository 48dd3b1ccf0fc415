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
