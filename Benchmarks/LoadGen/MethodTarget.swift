import EchoContract
import ProtoReflection

/// The method a run calls, resolved from `SERVICE.METHOD` through the descriptors compiled into
/// this binary (`ProtoRegistry`), not through the broker: SERVICE is a proto package (the name a
/// service registers and frames carry, e.g. `employment`) and the method is looked up in the
/// `service` block(s) of that package (`employment.Employment`).
struct MethodTarget: Sendable {
    /// The service name frames carry: the proto package.
    let service: String
    let method: String
    let requestSchema: MessageSchema
    let responseSchema: MessageSchema

    /// `SERVICE.METHOD`, as given.
    var fullName: String { "\(service).\(method)" }

    /// echo.Echo: its responses are checked against the request they echo.
    var isEcho: Bool { service == Echo.serviceName && method == "Echo" }

    /// Why `SERVICE.METHOD` names no method of this binary's contracts.
    struct NotFound: Error, CustomStringConvertible {
        let description: String
    }

    static func resolve(_ text: String, in registry: ProtoRegistry = .shared) throws(NotFound) -> MethodTarget {
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw NotFound(description: "--method must be SERVICE.METHOD, e.g. echo.Echo or employment.GetJobSeeker (got \"\(text)\")")
        }
        let service = String(text[..<dot])
        let method = String(text[text.index(after: dot)...])
        let candidates = registry.services.values
            .filter { package(of: $0.fullName) == service }
            .sorted { $0.fullName < $1.fullName }
        guard !candidates.isEmpty else {
            let known = Set(registry.services.keys.map(package(of:))).sorted().joined(separator: ", ")
            throw NotFound(description: "--method \(text): no proto service in package \"\(service)\"; known services: \(known)")
        }
        let matches = candidates.flatMap { schema in schema.methods.filter { $0.name == method } }
        guard let found = matches.first else {
            let known = candidates.flatMap { $0.methods.map(\.name) }.joined(separator: ", ")
            throw NotFound(description: "--method \(text): service \(service) has no method \(method); it has: \(known)")
        }
        guard matches.count == 1 else {
            throw NotFound(description: "--method \(text): more than one service of package \(service) declares \(method)")
        }
        guard let request = registry.message(named: found.requestType),
            let response = registry.message(named: found.responseType)
        else {
            throw NotFound(description: "--method \(text): \(found.requestType) or \(found.responseType) is not compiled into this binary")
        }
        return MethodTarget(service: service, method: method, requestSchema: request, responseSchema: response)
    }

    /// `employment` for `employment.Employment`.
    private static func package(of fullName: String) -> String {
        guard let dot = fullName.lastIndex(of: ".") else { return "" }
        return String(fullName[..<dot])
    }
}
