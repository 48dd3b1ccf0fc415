import Foundation

/// A standing permission for one service to call named methods on one person's behalf after the
/// call that granted it has ended — what lets the window finish a life event's steps (retries,
/// a restart of the broker) in the name of the clerk who took it in.
///
/// It exists because the call handle the broker gives each forwarded call dies with that call.
/// A delegation is narrower than the person's rights, never wider: it names the methods it
/// covers and the service that may use it, expires, and every call made with it is decided on
/// the person's rights *as they are at that moment* (a revoked clerk's delegations stop working)
/// and recorded in the audit log for that person, through the service.
package struct Delegation: Sendable, Equatable {
    /// SHA-256 of the token, hex: how the broker finds it (the token itself is never stored).
    package let tokenHash: String
    /// The service whose instances may present it (the one that obtained it).
    package let grantee: String
    /// The person it acts for.
    package let principal: String
    /// What it is for (a life event's receipt number), for the audit and the admin.
    package let reference: String
    /// "service.Method" names it covers.
    package let methods: Set<String>
    /// Unix milliseconds after which it no longer works.
    package let expiresAtMs: Int64

    /// Token prefix: tells a delegation from an in-flight call handle in `on-behalf-of`.
    package static let tokenPrefix = "dlg_"

    package func covers(service: String, method: String, nowMs: Int64) -> Bool {
        nowMs < expiresAtMs && methods.contains("\(service).\(method)")
    }
}
