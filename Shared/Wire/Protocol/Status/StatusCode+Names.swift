/// gRPC's spelling of the status codes (`INVALID_ARGUMENT`), for messages, logs and the CLI.
extension Wire.StatusCode: CustomStringConvertible {
    /// The canonical upper-case name, as in `wire.proto` and gRPC.
    public var name: String { protoName }

    public var description: String { name }

    /// The code named `name` (any case), or nil.
    public init?(name: String) {
        guard let code = Self.allCases.first(where: { $0.protoName == name.uppercased() }) else { return nil }
        self = code
    }
}

extension Wire.Status {
    /// The status of a successful call.
    public static let ok = Wire.Status(code: .ok)
}

extension Wire.Frame {
    /// A RESPONSE frame for `callId` carrying `status` (and payload when OK).
    public static func response(callId: UInt64, status: Wire.Status, payload: [UInt8] = []) -> Wire.Frame {
        Wire.Frame(callId: callId, kind: .response, payload: payload, status: status)
    }
}
