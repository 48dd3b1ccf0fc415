import Storage

/// HMAC-SHA256 (RFC 2104 with SHA-256, test vectors in RFC 4231), built on Storage's `SHA256Hash`.
///
/// It exists so that the audit log can store a keyed hash of a resident's ID number instead of the
/// number, without adding a crypto package to the broker. It is computed from the broker's own data
/// and compared with stored values, never with a caller's guess, so constant time is not a goal.
enum HMACSHA256 {
    /// SHA-256's block size in bytes: keys are padded (or first hashed) to this length.
    static let blockSize = 64

    /// The 32-byte authentication code of `message` under `key`:
    /// `H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ message))`, where `K'` is `key` (or `H(key)` when longer
    /// than a block) padded with zeros to 64 bytes, `ipad` = 0x36… and `opad` = 0x5c….
    static func authenticationCode(for message: some Sequence<UInt8>, key: [UInt8]) -> [UInt8] {
        var block = key.count > blockSize ? SHA256Hash.digest(key) : key
        block.append(contentsOf: repeatElement(0, count: blockSize - block.count))

        var inner = block.map { $0 ^ 0x36 }
        inner.append(contentsOf: message)
        var outer = block.map { $0 ^ 0x5c }
        outer.append(contentsOf: SHA256Hash.digest(inner))
        return SHA256Hash.digest(outer)
    }
}
