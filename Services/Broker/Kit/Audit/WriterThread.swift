import Dispatch
import Foundation

/// A thread of its own for blocking work that must not run on an event loop or Swift's
/// cooperative pool (the audit log's transactions and fsyncs), named so that `top -H` and `perf`
/// tell it apart.
enum WriterThread {
    /// Starts a thread named `name` (at most 15 bytes are kept) that runs `body`.
    static func start(named name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            // Foundation names the system thread when the current thread's name is set.
            Thread.current.name = name
            body()
        }
        thread.start()
    }
}

/// Where a writer thread sleeps until another thread signals it, or a deadline passes.
///
/// It exists to name the one use the writer makes of a semaphore: a signal is sent only for a
/// sleep the thread announced (under the writer's lock), so at most one is ever outstanding.
final class ThreadWake: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func signal() { semaphore.signal() }

    /// True when signalled, false when `deadline` passed first.
    func wait(until deadline: DispatchTime) -> Bool {
        semaphore.wait(timeout: deadline) == .success
    }
}
