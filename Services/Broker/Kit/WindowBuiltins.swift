import WindowContract
import WireClient
import WireProtocol

/// The broker's own methods (service `window`): `Health` and `ListServices` (services,
/// instances, methods — like gRPC reflection).
enum WindowBuiltins {
    static func answer(_ frame: Wire.Frame, state: BrokerState) -> (Wire.Status, [UInt8]) {
        do {
            switch frame.method {
            case "Health":
                _ = try Window.HealthRequest(serializedBytes: frame.payload)
                return (.ok, try state.health().serializedBytes())
            case "ListServices":
                let request = try Window.ListServicesRequest(serializedBytes: frame.payload)
                return (.ok, try state.listServices(only: request.service).serializedBytes())
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
