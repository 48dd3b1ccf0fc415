import WindowContract
import WireProtocol

/// How an office's error becomes its answer in the overview.
///
/// It exists because the overview's promise is that an office which is down, slow or refusing is
/// shown as such and never reads as "no record": only an office's own NOT_FOUND means no record.
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
}
