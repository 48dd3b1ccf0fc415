import Storage

/// The keyed hash that stands for one resident in the audit log: HMAC-SHA256 of the resident's
/// 18-character ID number under the broker's secret, as 64 lowercase hex characters.
///
/// It exists so that "who read this resident's data" can be answered (the same number and secret
/// always give the same key) while the log itself holds no ID numbers: without the secret, a row
/// does not say whose data it was. The secret is generated at the first start and kept in
/// broker.sqlite (see ``AuditMigrations``); ``AuditStore/residentKey(for:)`` applies it.
package struct ResidentKey: Sendable, Hashable, CustomStringConvertible {
    /// 64 lowercase hex characters.
    package let hex: String

    /// The key of `idNumber` under `secret`. The number is taken as
    /// `ResidentIdentityNumber.rawValue` spells it; a lowercase check character `x` is read as
    /// `X`, so both spellings of one number give one key.
    package init(idNumber: String, secret: [UInt8]) {
        let normalised = idNumber.utf8.map { $0 == UInt8(ascii: "x") ? UInt8(ascii: "X") : $0 }
        hex = Hex.encode(SHA256Hash.authenticationCode(for: normalised, key: secret))
    }

    /// A key read back from the log; nil unless `hex` is 64 lowercase hex characters.
    package init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex), Hex.encode(bytes) == hex else { return nil }
        self.hex = hex
    }

    /// A key as an audit batch stores it: its 32 raw bytes; nil unless there are 32.
    init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        hex = Hex.encode(bytes)
    }

    /// The 32 raw bytes (how an audit batch and its resident index store the key).
    /// The length of a key: an HMAC-SHA256.
    static let byteCount = 32

    var bytes: [UInt8] { Hex.decode(hex) ?? [] }

    package var description: String { hex }
}
