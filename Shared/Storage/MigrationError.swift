/// Why the schema migrations could not be applied at open.
public enum MigrationError: StatusCodeNamedError, Equatable {
    /// The database records migrations this binary does not know: it was
    /// migrated by a newer release. Running old code against a newer schema
    /// could silently misread or corrupt records, so opening is refused.
    case schemaIsNewer(path: String, unknownIdentifiers: [String])

    /// A service migration has an empty, duplicate or reserved identifier.
    case invalidIdentifier(String, reason: String)

    public var statusCodeName: String {
        switch self {
        case .schemaIsNewer: "FAILED_PRECONDITION"
        case .invalidIdentifier: "INTERNAL"
        }
    }

    public var description: String {
        switch self {
        case .schemaIsNewer(let path, let unknown):
            "database \(path) was migrated by a newer binary (unknown migrations: "
                + unknown.joined(separator: ", ")
                + "); refusing to open it with this older binary"
        case .invalidIdentifier(let identifier, let reason):
            "invalid migration identifier \"\(identifier)\": \(reason)"
        }
    }
}
