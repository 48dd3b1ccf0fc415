import Logging
import NIOCore
import WireClient
import WireProtocol

/// Everything a handler knows about the call besides its request: deadline, metadata, the
/// caller's principal (as the broker passes it), purpose of access, idempotency key, a logger
/// with the call's metadata, and a way to call other services that carries the deadline along.
public struct CallContext: Sendable {
    public let service: String
    public let method: String
    public let callId: UInt64
    /// When the caller stops waiting; handlers should give up past it.
    public let deadline: NIODeadline
    public let metadata: [String: String]
    private let baseLogger: Logger
    let outbound: (@Sendable () -> WireConnection?)?
    /// The residents this call has touched (see `reportResidents`).
    public let residents = ResidentAccessReport()

    init(frame: Wire.Frame, deadline: NIODeadline, logger: Logger, outbound: (@Sendable () -> WireConnection?)?) {
        service = frame.service
        method = frame.method
        callId = frame.callId
        self.deadline = deadline
        metadata = frame.metadata
        baseLogger = logger
        self.outbound = outbound
    }

    /// Who is calling, as the broker passed it on. Parsed when asked for (most cheap methods
    /// never ask), not on every call.
    public var principal: Principal { Principal(metadata: metadata) }

    /// A logger carrying the call's method and request id (built when asked for).
    public var logger: Logger {
        var logger = baseLogger
        logger[metadataKey: "rpc.method"] = "\(method)"
        if let requestID = metadata[MetadataKey.requestID] { logger[metadataKey: "request.id"] = "\(requestID)" }
        return logger
    }

    /// A context for calling handlers directly in tests.
    public init(
        service: String, method: String, metadata: [String: String] = [:], deadline: NIODeadline = .now() + .seconds(10), logger: Logger = Logger(label: "test")
    ) {
        self.init(frame: Wire.Frame(kind: .request, service: service, method: method, metadata: metadata), deadline: deadline, logger: logger, outbound: nil)
    }

    /// Records that this call read or wrote the data of the residents with these ID numbers: the
    /// broker's audit log keeps a keyed hash of each with the call, so a resident's access log
    /// can be produced. Every office reports every resident it returns or changes.
    public func reportResidents(_ idNumbers: some Sequence<String>) {
        residents.add(idNumbers)
    }

    /// Records that this call read one of the office's most sensitive records (a community
    /// correction case, a health diagnosis) outside the caller's normal scope, on the purpose the
    /// caller stated: the broker's audit log marks the entry for review (`window audit review`).
    /// The handler decides what "normal scope" is and refuses such a read without a `purpose`
    /// (see `requirePurposeToBreakTheGlass`).
    public func reportBreakTheGlass() {
        residents.markBreakTheGlass()
    }

    /// For a read outside the caller's normal scope: throws PERMISSION_DENIED unless the caller
    /// stated a purpose, and otherwise marks the call as break-the-glass for the audit review.
    public func requirePurposeToBreakTheGlass(_ what: String) throws(RPCError) {
        guard purpose != nil else {
            throw RPCError(
                .permissionDenied,
                "\(what) is outside your normal scope: state a purpose of access (metadata `purpose`) to read it; the read is recorded for review"
            )
        }
        reportBreakTheGlass()
    }

    /// Why the caller reads personal data (recorded by the broker's audit log).
    public var purpose: String? { metadata[MetadataKey.purpose].flatMap { $0.isEmpty ? nil : $0 } }
    /// The caller's idempotency key for a retryable write.
    public var idempotencyKey: String? { metadata[MetadataKey.idempotencyKey].flatMap { $0.isEmpty ? nil : $0 } }
    public var requestID: String? { metadata[MetadataKey.requestID] }

    /// Time left before the deadline (zero when past).
    public var remaining: TimeAmount {
        let left = deadline - .now()
        return left > .zero ? left : .zero
    }

    /// Throws DEADLINE_EXCEEDED when the caller has stopped waiting.
    public func checkDeadline() throws(RPCError) {
        if remaining == .zero { throw RPCError(.deadlineExceeded, "deadline passed while handling \(method)") }
    }

    /// Calls another service through the broker on behalf of this call's caller (their identity
    /// and rights, as the broker's call handle vouches), passing on the remaining deadline (or less, if
    /// `options.deadline` asks for less), the request id and the purpose of access. Generated
    /// clients call through this: `Employment.EmploymentClient(context).getJobSeeker(…)`.
    public func unary<Request: ProtoMessage, Response: ProtoMessage>(
        service: String, method: String, request: Request, as: Response.Type, options: CallOptions
    ) async throws -> Response {
        guard let connection = outbound?() else {
            throw RPCError(.unavailable, "not connected to the broker")
        }
        try checkDeadline()
        var forwarded = options.effectiveMetadata
        for key in [MetadataKey.requestID, MetadataKey.purpose] where forwarded[key] == nil {
            if let value = metadata[key] { forwarded[key] = value }
        }
        // The nested call acts for the caller of this one, with the caller's rights, never the
        // service's own: the broker checks the handle it gave this call.
        if let handle = metadata[MetadataKey.callHandle] { forwarded[MetadataKey.onBehalfOf] = handle }
        let deadline = min(options.deadline ?? remaining, remaining)
        return try await connection.call(service: service, method: method, request: request, deadline: deadline, metadata: forwarded)
    }

    /// `unary` with default options.
    public func call<Request: ProtoMessage, Response: ProtoMessage>(
        service: String, method: String, request: Request, as: Response.Type = Response.self
    ) async throws -> Response {
        try await unary(service: service, method: method, request: request, as: Response.self, options: CallOptions())
    }
}

extension CallContext: UnaryCalling {}
