import WireProtocol

extension Validation {
    /// The id of a record of `kind` ("S42"); nil (and a violation of `field`) when `text` is empty
    /// or not such an id.
    public mutating func entityID(_ text: String, _ kind: EntityKind, field: String) -> EntityID? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        guard let id = EntityID(text, kind: kind) else {
            fail(field: field, "\"\(text)\" is not a \(kind.noun) id (they look like \(kind.prefix)123)")
            return nil
        }
        return id
    }
}
