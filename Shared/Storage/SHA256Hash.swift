import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) in the shapes this project uses: raw digest bytes and lowercase hex.
///
/// It exists so that every caller — request fingerprints for idempotency keys, page-token
/// checksums, token hashes, the audit log's chain — spells hashing one way, while the work is done
/// by swift-crypto (BoringSSL's assembly on Linux): the audit chain hashes every call through the
/// broker, so the hash is on the broker's hot path and a hand-written one cost too much.
public enum SHA256Hash {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: some DataProtocol) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// The digest of `bytes` as 64 lowercase hex characters.
    public static func hexDigest(_ bytes: some DataProtocol) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`: 32 bytes.
    public static func authenticationCode(for message: some DataProtocol, key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
