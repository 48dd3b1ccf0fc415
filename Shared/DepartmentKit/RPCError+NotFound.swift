import WireProtocol

extension RPCError {
    /// NOT_FOUND for a well-formed id that names no record: "no job seeker S42", with a violation
    /// of `field` so a client can point at the box the clerk filled in.
    public static func notFound(_ id: EntityID, field: String) -> RPCError {
        notFound(id.kind.noun, field: field, id.description)
    }

    /// NOT_FOUND for a lookup by something other than an id (an ID number: pass it masked, the
    /// message reaches logs).
    public static func notFound(_ what: String, field: String, _ key: String) -> RPCError {
        RPCError(.notFound, "no \(what) \(key)", violations: [Wire.FieldViolation(field: field, description: "no \(what) \(key)")])
    }

    /// INTERNAL for a row the same transaction has just written and cannot read back: a bug in a
    /// store, reported, never a crash.
    public static func notReadBack(_ id: EntityID) -> RPCError {
        RPCError(.internal, "internal error: the \(id.kind.noun) \(id) just written cannot be read back")
    }
}
