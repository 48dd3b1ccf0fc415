import Foundation
import Storage
import WindowComposition
import WindowContract
import WireProtocol

/// `window.GrantDelegation` and `window.EndDelegation`: how a service (the window's composition)
/// obtains, within a call it handles for a person, the standing permission to finish that
/// person's business later (see ``Delegation``), and gives it back.
///
/// Only service links may call them, never a person directly; a grant needs the call handle of
/// a call in flight on the asking link (so the person was really asking through it), and names
/// the grantee as that link's service. Both are answered off the event loop (they write
/// broker.sqlite) and recorded in the audit log like every call.
enum WindowDelegationMethods {
    static let names: Set<String> = ["GrantDelegation", "EndDelegation"]
    /// Longest a delegation may last: 30 days.
    static let maximumHours = 720
    static let maximumMethods = 32

    /// What the broker does after the store answered: the delegation to install or to drop.
    enum Change: Sendable {
        case none
        case granted(Delegation)
        case ended(tokenHash: String)
    }

    /// Refusal unless the call comes from a service link (`grantee`) and, for a grant, acts for a
    /// person through a call handle of that link.
    static func refusal(_ method: String, caller: Caller, grantee: String?) -> Wire.Status? {
        guard let grantee else {
            return Wire.Status(code: .permissionDenied, message: "window.\(method) is for services only")
        }
        if method == "GrantDelegation", caller.via != "service:\(grantee)" {
            return Wire.Status(
                code: .permissionDenied, message: "window.GrantDelegation must be called on behalf of a call this service is handling (on-behalf-of)")
        }
        return nil
    }

    static func answer(_ frame: Wire.Frame, caller: Caller, grantee: String, store: DelegationStore?) async -> (Wire.Status, [UInt8], Change) {
        guard let store else { return (Wire.Status(code: .unavailable, message: "this broker keeps no delegations"), [], .none) }
        do {
            switch frame.method {
            case "GrantDelegation":
                let request = try Window.GrantDelegationRequest(serializedBytes: frame.payload)
                var validation = Validation()
                validation.require(WindowComposition.isReference(request.reference), field: "reference", "1–64 letters, digits, '.', '-', '_'")
                validation.require((1...maximumMethods).contains(request.methods.count), field: "methods", "1–\(maximumMethods) of them")
                for (index, name) in request.methods.enumerated() {
                    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
                    validation.require(
                        parts.count == 2 && BrokerState.isValidName(String(parts[0])) && BrokerState.isValidMethodName(String(parts[1])),
                        field: "methods[\(index)]", "must be service.Method")
                }
                validation.require((1...UInt32(maximumHours)).contains(request.validHours), field: "valid_hours", "1…\(maximumHours)")
                try validation.finish()
                let (token, delegation) = try await store.grant(
                    grantee: grantee, principal: caller.id, reference: request.reference, methods: request.methods, validFor: Int(request.validHours))
                let reply = try Window.GrantDelegationResponse(token: token, expiresAtMs: UInt64(delegation.expiresAtMs)).serializedBytes()
                return (.ok, reply, .granted(delegation))
            case "EndDelegation":
                let request = try Window.EndDelegationRequest(serializedBytes: frame.payload)
                let hash = SHA256Hash.hexDigest(Array(request.token.utf8))
                let ended = try await store.end(tokenHash: hash, grantee: grantee)
                return (.ok, try Window.EndDelegationResponse(ended: ended).serializedBytes(), ended ? .ended(tokenHash: hash) : .none)
            default:
                return (Wire.Status(code: .unimplemented, message: "service window has no method \(frame.method)"), [], .none)
            }
        } catch let error as any RPCErrorConvertible {
            return (error.rpcError.status, [], .none)
        } catch {
            return (Wire.Status(code: .internal, message: "the delegation could not be stored"), [], .none)
        }
    }
}
