import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// The minimum living standards (低保标准): data with effective dates, per community.
extension AssistanceOffice {
    public func setStandard(_ request: Assistance.SetStandardRequest, context: CallContext) async throws -> Assistance.Standard {
        let standard = try await SetStandard(validating: request, for: self, context: context)
        let actor = context.principal.id
        // A standard is keyed by community and date, which the reply is rendered from; the id kept with the key is unused.
        let reply = try await database.idempotentWrite(context, request: request, as: Assistance.Standard.self) { db in
            try StandardStore.set(
                db,
                StandardStore.Record(
                    community: standard.community, effectiveDate: standard.effectiveDate, monthly: standard.monthly, setBy: actor, setAt: now()))
            logger.info("standard set", metadata: ["community": "\(standard.community.rawValue)", "principal": "\(actor)"])
            return 1
        } render: { db, _ in
            guard let stored = try StandardStore.find(db, community: standard.community, effectiveDate: standard.effectiveDate) else {
                throw RPCError(.internal, "internal error: the standard just set cannot be read back")
            }
            return stored.message
        }
        return reply
    }

    public func listStandards(_ request: Assistance.ListStandardsRequest, context: CallContext) async throws -> Assistance.ListStandardsResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let rows = try await database.read { db in
            try StandardStore.list(db, community: served, beforeDate: pageRequest.after?.first, limit: pageRequest.fetchLimit)
        }
        let standards = pageRequest.page(of: rows) { [$0.effectiveDate.description] }.map(\.message)
        return Assistance.ListStandardsResponse(standards: standards.rows, nextPageToken: standards.nextToken)
    }
}
