import Foundation
import Logging
import ServiceLifecycle

/// Keeps the running broker's principals in step with broker.sqlite, where `broker principals`
/// issues, revokes and rotates tokens from another process: every `interval` it loads the
/// directory and hands it to the broker, so a revoked token stops working within one interval.
public struct PrincipalReloader: Service {
    let store: PrincipalStore
    let broker: Broker
    let interval: Duration
    let logger: Logger

    public init(store: PrincipalStore, broker: Broker, interval: Duration = .seconds(5), logger: Logger) {
        self.store = store
        self.broker = broker
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        // Ends at once on graceful shutdown (the sleep is cancelled), not an interval later.
        try? await cancelWhenGracefulShutdown {
            var last: Int?
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    let directory = try await store.load()
                    broker.updatePrincipals(directory)
                    if last != directory.count {
                        logger.info("principals reloaded", metadata: ["tokens": "\(directory.count)"])
                        last = directory.count
                    }
                } catch {
                    logger.warning("cannot reload principals; keeping the previous ones", metadata: ["error.message": "\(error)"])
                }
            }
        }
    }
}
