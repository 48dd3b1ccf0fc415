import WireProtocol

/// An enum type of proto/, with its value names, for JSON (enums travel as names) and for
/// validating that a decoded number is one the schema knows.
public struct EnumSchema: Sendable {
    public let fullName: String
    public let values: [(name: String, number: Int32)]

    public func name(of number: Int32) -> String? {
        values.first { $0.number == number }?.name
    }

    public func number(of name: String) -> Int32? {
        values.first { $0.name == name }?.number
    }
}
