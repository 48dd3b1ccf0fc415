import Domain
import WindowContract
import WireProtocol

/// The window's audit methods (`VerifyAudit`, `ListResidentAccesses`, `ListPrincipalActions`,
/// `ListAccessesForReview`):
/// they read broker.sqlite, so they run off the event loop and answer when the store has.
enum WindowAuditMethods {
    static let names: Set<String> = ["VerifyAudit", "ListResidentAccesses", "ListPrincipalActions", "ListAccessesForReview"]

    static func answer(_ frame: Wire.Frame, audit: AuditLog?) async -> (Wire.Status, [UInt8]) {
        guard let audit else {
            return (Wire.Status(code: .unavailable, message: "this broker keeps no audit log"), [])
        }
        // Every call the broker answered before this one is in the answer: the writer's batches
        // wait up to `maximumDelay`, an auditor does not.
        await audit.writer.flush()
        do {
            switch frame.method {
            case "VerifyAudit":
                _ = try Window.VerifyAuditRequest(serializedBytes: frame.payload)
                let response: Window.VerifyAuditResponse
                switch try await audit.store.verify() {
                case .intact(let rows, let tip):
                    response = Window.VerifyAuditResponse(intact: true, rows: UInt64(rows), tipHash: tip)
                case .broken(let seq, let problem):
                    response = Window.VerifyAuditResponse(intact: false, brokenAtSeq: UInt64(max(seq, 0)), problem: problem.description)
                }
                return (.ok, try response.serializedBytes())
            case "ListResidentAccesses":
                let request = try Window.ListResidentAccessesRequest(serializedBytes: frame.payload)
                var validation = Validation()
                let number = validation.parse("id_number") { try ResidentIdentityNumber(request.idNumber) }
                let before = page(request.pageToken, &validation)
                validation.require(request.pageSize <= 500, field: "page_size", "at most 500")
                try validation.finish()
                guard let number else { throw RPCError.invalidArgument(field: "id_number", "is required") }
                let page = try await audit.store.accesses(resident: number.rawValue, limit: Int(request.pageSize), before: before)
                return (.ok, try response(page).serializedBytes())
            case "ListPrincipalActions":
                let request = try Window.ListPrincipalActionsRequest(serializedBytes: frame.payload)
                var validation = Validation()
                validation.length(request.principal, field: "principal", within: 1...256)
                let before = page(request.pageToken, &validation)
                validation.require(request.pageSize <= 500, field: "page_size", "at most 500")
                try validation.finish()
                let page = try await audit.store.actions(principal: request.principal, limit: Int(request.pageSize), before: before)
                return (.ok, try response(page).serializedBytes())
            case "ListAccessesForReview":
                let request = try Window.ListAccessesForReviewRequest(serializedBytes: frame.payload)
                var validation = Validation()
                let before = page(request.pageToken, &validation)
                validation.require(request.pageSize <= 500, field: "page_size", "at most 500")
                try validation.finish()
                let page = try await audit.store.accessesForReview(limit: Int(request.pageSize), before: before)
                return (.ok, try response(page).serializedBytes())
            default:
                return (Wire.Status(code: .unimplemented, message: "service window has no method \(frame.method)"), [])
            }
        } catch let error as any RPCErrorConvertible {
            return (error.rpcError.status, [])
        } catch {
            return (Wire.Status(code: .internal, message: "the audit log cannot be read"), [])
        }
    }

    /// The row to continue before: empty for the first page; a token that is not a row is refused.
    private static func page(_ token: String, _ validation: inout Validation) -> Int64? {
        guard !token.isEmpty else { return nil }
        guard let seq = Int64(token), seq > 0 else {
            validation.fail(field: "page_token", "invalid page_token: not a position in this list")
            return nil
        }
        return seq
    }

    private static func response(_ page: AuditPage) -> Window.AuditEntriesResponse {
        Window.AuditEntriesResponse(
            entries: page.entries.map { entry in
                let record = entry.record
                return Window.AuditEntry(
                    seq: UInt64(entry.seq), timeMs: UInt64(max(record.timeMilliseconds, 0)), principal: record.principal,
                    onBehalfOf: record.onBehalfOf, roles: record.roles, service: record.service, method: record.method, purpose: record.purpose,
                    status: UInt32(max(record.status, 0)), durationUs: UInt64(max(record.durationMicroseconds, 0)), requestId: record.requestID,
                    residents: UInt32(record.residentKeys.count), breakTheGlass: record.breakTheGlass)
            }, nextPageToken: page.nextBefore.map(String.init) ?? "")
    }
}

extension WindowBuiltins {
    /// Whether a caller with `roles` may call the window's `method`, as window.proto declares.
    static func admits(_ method: String, roles: Set<String>) -> Bool {
        // A name window.proto does not declare is answered "no such method" after this check.
        guard let descriptor = Window.methodDescriptors.first(where: { $0.name == method }) else { return true }
        return descriptor.allowedRoles.contains("any") || !Set(descriptor.allowedRoles).isDisjoint(with: roles)
    }
}
