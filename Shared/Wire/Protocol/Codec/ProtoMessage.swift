/// A message of proto/ as a Swift value: every one is generated (scripts/gen-contracts.py) into
/// its package's namespace (`Employment.JobSeeker`, `Wire.Frame`) and converts itself straight to
/// and from its protoc-c struct, so protobuf-c is the codec and no message takes a slower path.
public protocol ProtoMessage: Sendable, Equatable {
    /// Full protobuf name, e.g. `echo.EchoRequest`.
    static var protoName: String { get }

    /// An empty message (every field at its proto3 default).
    init()

    /// Serializes through protobuf-c. Throws for a string holding a NUL character, which a C
    /// string cannot carry.
    func serializedBytes() throws(ProtoCodecError) -> [UInt8]

    /// Deserializes through protobuf-c, refusing strings that are not UTF-8 or hold NUL and
    /// allocation beyond `ProtoC.allocationFactor` times the input size.
    init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoCodecError)
}

extension ProtoMessage {
    /// Deserializes a byte array (see `init(serializedBytes:)`).
    public init(serializedBytes bytes: [UInt8]) throws(ProtoCodecError) {
        do {
            self = try bytes.withUnsafeBytes { raw in try Self(serializedBytes: raw) }
        } catch let error as ProtoCodecError {
            throw error
        } catch {
            throw ProtoCodecError(.malformed, "\(error)")
        }
    }
}
