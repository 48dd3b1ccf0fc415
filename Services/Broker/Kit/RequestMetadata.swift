import WireProtocol

/// What the broker reads from a request's metadata, gathered in one pass over its entries.
///
/// It exists because routing asks the same dictionary up to six questions per call — the token,
/// a composed call's handle, the purpose and request id for the audit log, the entries' total
/// size, whether any key is the broker's own — and each lookup hashes its key, even in an empty
/// dictionary. Most requests carry no entry or one (the token), so one walk over them answers
/// everything for the cost of a few comparisons. The walk is bounded: a request with more entries
/// than the broker accepts is refused before anything else is read from it.
struct RequestMetadata {
    /// `authorization`, as sent.
    var authorization: String?
    /// `on-behalf-of`: a composed call's handle, or a delegation token.
    var onBehalfOf: String?
    /// `purpose` and `request-id` for the audit log (empty when absent).
    var purpose = ""
    var requestID = ""
    /// The entries' keys and values, in UTF-8 bytes (what the size limit counts).
    var bytes = 0
    /// Whether any key is one the broker removes before forwarding (``MetadataKey/isBrokerOnly(_:)``).
    var hasBrokerOnly = false

    init(_ metadata: [String: String]) {
        for (key, value) in metadata {
            bytes += key.utf8.count + value.utf8.count
            switch key {
            case MetadataKey.authorization:
                authorization = value
                hasBrokerOnly = true
            case MetadataKey.onBehalfOf:
                onBehalfOf = value
                hasBrokerOnly = true
            case MetadataKey.purpose: purpose = value
            case MetadataKey.requestID: requestID = value
            default:
                if key.utf8.first == UInt8(ascii: "x"), MetadataKey.isBrokerOnly(key) { hasBrokerOnly = true }
            }
        }
    }
}
