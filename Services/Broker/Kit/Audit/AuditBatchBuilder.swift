/// One audit batch as it is built, record by record, and then prepared for its transaction.
///
/// It exists so that the per-call work of the log happens where the call is answered, and the
/// writer's thread is left with work per *batch*. The broker appends each call on its event loop
/// as the call ends (`AuditStage`), and hands the batch over whole: a call costs the loop a few
/// appends of bytes (``AuditBatchEncoding/Encoder``), cheaper than handing a copy of it to another
/// thread. What costs more is left for ``prepare(at:key:)`` on the writer's thread, once a batch:
/// the keyed hashes of the residents the offices reported (their 32 bytes are left zero in the
/// encoding until then), the chain hash and the index entries. The writer then has little to do,
/// and is runnable for a few moments a second rather than for much of it — on two cores a thread
/// that is often runnable costs the calls more than its CPU time.
package struct AuditBatchBuilder: Sendable {
    /// The most residents kept of one call: the first reported, each once.
    static let maximumResidents = 1_000

    private var encoder: AuditBatchEncoding.Encoder
    private var principals = Set<String>()
    /// The last principal inserted: a batch's calls mostly come from few principals, and a repeat
    /// needs no set.
    private var lastPrincipal = ""
    /// Keys known already (records appended whole).
    private var residents = Set<ResidentKey>()
    /// Resident ID numbers, normalised, whose keys are still to be computed, and where each key goes.
    private var unkeyed: [(offset: Int, idNumber: String)] = []
    private var review = false

    /// Records appended so far.
    var count: Int { encoder.count }
    var isEmpty: Bool { encoder.count == 0 }

    /// A builder sized for `capacity` records (the bytes grow beyond it if need be).
    init(capacity: Int) {
        encoder = AuditBatchEncoding.Encoder(capacity: capacity)
    }

    /// Appends a record made already, its residents keyed.
    mutating func append(_ record: AuditRecord) {
        encoder.append(record)
        note(principal: record.principal, onBehalfOf: record.onBehalfOf, breakTheGlass: record.breakTheGlass)
        residents.formUnion(record.residentKeys)
    }

    /// Appends a call staged as an ``AuditWriter/Entry`` (see the fields' append).
    mutating func append(_ entry: AuditWriter.Entry) {
        append(
            timeMilliseconds: entry.timeMilliseconds, principal: entry.principal, onBehalfOf: entry.onBehalfOf, roles: entry.roles,
            service: entry.service, method: entry.method, purpose: entry.purpose, requestID: entry.requestID, residentKeys: entry.residentKeys,
            residents: entry.residents, status: entry.status, durationMicroseconds: entry.durationMicroseconds, breakTheGlass: entry.breakTheGlass)
    }

    /// Appends a call as routing has it: the texts bounded and NUL replaced as ``AuditRecord``
    /// does. `residents` as the service reported them (ID numbers separated by ","; when not
    /// empty they replace `residentKeys`) keep the first ``maximumResidents``, each once, and get
    /// their keys in ``prepare(at:key:)``.
    mutating func append(
        timeMilliseconds: Int64, principal: String, onBehalfOf: String, roles: AuditRoles, service: String, method: String, purpose: String,
        requestID: String, residentKeys: [ResidentKey] = [], residents: String, status: Int32, durationMicroseconds: Int64, breakTheGlass: Bool
    ) {
        let principal = AuditRecord.bounded(principal, AuditRecord.maximumNameLength)
        let onBehalfOf = AuditRecord.bounded(onBehalfOf, AuditRecord.maximumNameLength)
        let idNumbers = residents.isEmpty ? [] : Self.idNumbers(residents)
        let keys = idNumbers.isEmpty ? AuditRecord.distinct(residentKeys) : []
        let offset = encoder.append(
            timeMilliseconds: timeMilliseconds, principal: principal, onBehalfOf: onBehalfOf, roles: roles.joined,
            service: AuditRecord.bounded(service, AuditRecord.maximumNameLength), method: AuditRecord.bounded(method, AuditRecord.maximumNameLength),
            purpose: AuditRecord.bounded(purpose, AuditRecord.maximumPurposeLength),
            requestID: AuditRecord.bounded(requestID, AuditRecord.maximumNameLength), residentKeys: keys, unkeyedResidents: idNumbers.count,
            status: status, durationMicroseconds: durationMicroseconds, breakTheGlass: breakTheGlass)
        note(principal: principal, onBehalfOf: onBehalfOf, breakTheGlass: breakTheGlass)
        if idNumbers.isEmpty {
            self.residents.formUnion(keys)
        } else {
            for (index, idNumber) in idNumbers.enumerated() { unkeyed.append((offset + index * ResidentKey.byteCount, idNumber)) }
        }
    }

    /// The batch, its residents keyed by `key`, hashed as the batch after `tip` (if known), with
    /// its index entries.
    consuming func prepare(at tip: AuditBatchAppend.Tip?, key: (String) -> ResidentKey) -> AuditBatchAppend.Prepared {
        var keys: [String: ResidentKey] = [:]
        for (offset, idNumber) in unkeyed {
            let residentKey: ResidentKey
            if let known = keys[idNumber] {
                residentKey = known
            } else {
                residentKey = key(idNumber)
                keys[idNumber] = residentKey
                residents.insert(residentKey)
            }
            encoder.setKey(residentKey, at: offset)
        }
        let bytes = encoder.bytes
        let count = encoder.count
        let hash =
            tip.map {
                AuditBatchChain.hash(previous: $0.hash, batch: $0.batch + 1, firstSeq: $0.count + 1, count: Int64(count), records: bytes)
            } ?? []
        return AuditBatchAppend.Prepared(
            count: count, expected: tip, bytes: bytes, hash: hash, residents: residents, principals: principals, review: review)
    }

    private mutating func note(principal: String, onBehalfOf: String, breakTheGlass: Bool) {
        if principal != lastPrincipal {
            lastPrincipal = principal
            if !principal.isEmpty { principals.insert(principal) }
        }
        if !onBehalfOf.isEmpty { principals.insert(onBehalfOf) }
        if breakTheGlass { review = true }
    }

    /// The first ``maximumResidents`` ID numbers of `reported`, each once, with "x" made "X" as
    /// ``ResidentKey`` does (so one resident written both ways is one key, as before).
    static func idNumbers(_ reported: String) -> [String] {
        var seen = Set<String>()
        var idNumbers: [String] = []
        for part in reported.split(separator: ",").prefix(maximumResidents) {
            let idNumber = part.utf8.contains(UInt8(ascii: "x")) ? String(part).replacingLowercaseX() : String(part)
            if seen.insert(idNumber).inserted { idNumbers.append(idNumber) }
        }
        return idNumbers
    }
}

extension String {
    /// The text with every "x" made "X" (the ID number's check character, written either way).
    fileprivate func replacingLowercaseX() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "x") ? UInt8(ascii: "X") : $0 }, as: UTF8.self)
    }
}
