import WindowContract
import WireClient
import WireProtocol

/// The broker's own methods (service `window`): `Health`, `ListServices` (services, instances,
/// methods — like gRPC reflection), and the communities registry (`ListCommunities`,
/// `GetCommunity`). Each answers on the event loop from state the broker holds.
enum WindowBuiltins {
    /// The window's composed methods (service `WindowComposition` of window.proto): routed to the
    /// composition module's instance rather than answered here.
    static let composed: Set<String> = Set(Window.methodDescriptors.map(\.name)).subtracting(
        ["Health", "ListServices", "ListCommunities", "GetCommunity"] + WindowAuditMethods.names + WindowAdminMethods.names)

    static func answer(_ frame: Wire.Frame, state: BrokerState) -> (Wire.Status, [UInt8]) {
        do {
            switch frame.method {
            case "Health":
                _ = try Window.HealthRequest(serializedBytes: frame.payload)
                return (.ok, try state.health().serializedBytes())
            case "ListServices":
                let request = try Window.ListServicesRequest(serializedBytes: frame.payload)
                return (.ok, try state.listServices(only: request.service).serializedBytes())
            case "ListCommunities":
                let request = try Window.ListCommunitiesRequest(serializedBytes: frame.payload)
                return (.ok, try state.configuration.communities.list(request).serializedBytes())
            case "GetCommunity":
                let request = try Window.GetCommunityRequest(serializedBytes: frame.payload)
                return (.ok, try state.configuration.communities.get(request).serializedBytes())
            default:
                return (Wire.Status(code: .unimplemented, message: "service window has no method \(frame.method)"), [])
            }
        } catch let error as RPCErrorConvertible {
            return (error.rpcError.status, [])
        } catch {
            return (Wire.Status(code: .internal, message: "internal error (\(type(of: error)))"), [])
        }
    }
}
