import NIOCore
import WindowContract
import WireProtocol

/// How an office's answer — or its error — becomes its part of a composed reply (the overview,
/// the dashboard, the city view).
///
/// It exists because the composition's promise is that an office which is down, slow or refusing
/// is shown as such and never reads as "no record": only an office's own NOT_FOUND (or a source
/// that found nothing) means no record.
enum OfficeAnswerMapping {
    static func answer(for code: Wire.StatusCode) -> Window.OfficeAnswer {
        switch code {
        case .ok: .found
        case .notFound: .noRecord
        case .permissionDenied, .unauthenticated: .refused
        case .unavailable, .resourceExhausted, .unimplemented: .unavailable
        case .deadlineExceeded, .cancelled: .timedOut
        default: .failed
        }
    }

    /// Asks one office: its part with the lines `ask` returned (nil: no record), and what else
    /// `ask` returned with them; or the part saying how the office failed, timed.
    static func part<Value: Sendable>(
        _ office: String, _ ask: () async throws -> (lines: [Window.OverviewLine], value: Value)?
    ) async -> (part: Window.OfficeOverview, value: Value?) {
        let started = NIODeadline.now()
        func elapsed() -> UInt32 { UInt32(clamping: (NIODeadline.now() - started).nanoseconds / 1_000_000) }
        do {
            guard let answer = try await ask() else {
                return (Window.OfficeOverview(office: office, answer: .noRecord, status: "OK", durationMs: elapsed()), nil)
            }
            return (Window.OfficeOverview(office: office, answer: .found, status: "OK", lines: answer.lines, durationMs: elapsed()), answer.value)
        } catch let error as any RPCErrorConvertible {
            let status = error.rpcError.status
            return (
                Window.OfficeOverview(
                    office: office, answer: answer(for: status.code), status: status.code.name, message: status.message, durationMs: elapsed()),
                nil
            )
        } catch {
            return (
                Window.OfficeOverview(
                    office: office, answer: .failed, status: "INTERNAL", message: "the office's answer could not be read", durationMs: elapsed()),
                nil
            )
        }
    }

    /// `ask(0) … ask(count - 1)` run at once; the results in index order.
    static func inParallel<T: Sendable>(_ count: Int, _ ask: @escaping @Sendable (Int) async -> T) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            for index in 0..<count { group.addTask { (index, await ask(index)) } }
            var results = [T?](repeating: nil, count: count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }
}
