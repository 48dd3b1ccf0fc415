import Wire

/// The broker's own methods (service `window`): `Health` and `ListServices` (services,
/// instances, methods — like gRPC reflection).
enum WindowBuiltins {
    static func answer(_ frame: Frame, state: BrokerState) -> (Status, [UInt8]) {
        do {
            switch frame.method {
            case "Health":
                _ = try WindowMessages.HealthRequest(serializedBytes: frame.payload)
                return (.ok, try state.health().serializedBytes())
            case "ListServices":
                let request = try WindowMessages.ListServicesRequest(serializedBytes: frame.payload)
                return (.ok, try state.listServices(only: request.service).serializedBytes())
            default:
                return (Status(code: .unimplemented, message: "service window has no method \(frame.method)"), [])
            }
        } catch {
            return (error.rpcError.status, [])
        }
    }
}
