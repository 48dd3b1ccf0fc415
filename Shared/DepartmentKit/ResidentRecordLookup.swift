import Domain
import WireProtocol

/// Which record a get asks for when a clerk may name it either way: by the office's record id
/// ("H42") or by the resident's ID number (one record per resident). Every office's "get by id
/// or ID number" validates the same way and names the same fields in its errors.
///
/// ```swift
/// let lookup = try ResidentRecordLookup(
///     recordID: request.recordId, idNumber: request.idNumber, kind: .healthRecord, recordField: "record_id")
/// ```
public enum ResidentRecordLookup: Sendable, Equatable {
    case record(EntityID, field: String)
    case resident(ResidentIdentityNumber)

    /// INVALID_ARGUMENT unless exactly one of the two is given and it parses.
    public init(recordID: String, idNumber: String, kind: EntityKind, recordField: String) throws(RPCError) {
        var validation = Validation()
        validation.require(recordID.isEmpty != idNumber.isEmpty, field: recordField, "give either \(recordField) or id_number")
        let record = recordID.isEmpty ? nil : validation.entityID(recordID, kind, field: recordField)
        let resident = idNumber.isEmpty ? nil : validation.residentID(idNumber, field: "id_number")
        try validation.finish()
        if let record {
            self = .record(record, field: recordField)
        } else {
            self = .resident(try validation.unwrap(resident, field: "id_number"))
        }
    }

    /// The request field the lookup came from.
    public var field: String {
        switch self {
        case .record(_, let field): field
        case .resident: "id_number"
        }
    }

    /// NOT_FOUND naming the field asked by (an ID number masked: the message reaches logs).
    public func notFound(_ kind: EntityKind) -> RPCError {
        switch self {
        case .record(let id, let field): .notFound(id, field: field)
        case .resident(let number): .notFound(kind.noun, field: "id_number", number.masked)
        }
    }
}
