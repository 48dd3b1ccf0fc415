import DepartmentKit
import Domain
import Foundation
import WindowContract
import WireProtocol
import WireRuntime

/// The window's life-event methods (一件事一次办): `StartLifeEvent` takes the intake in once and
/// answers with the receipt at once; `GetLifeEvent` shows where it stands.
extension WindowComposition {
    /// How long the clerk's delegation lasts: the time the offices have to take the steps (30 days).
    static let lifeEventDelegationHours: UInt32 = 720
    /// Events in progress at most: past it an intake is RESOURCE_EXHAUSTED (offices are down for
    /// long, or intakes arrive faster than any office takes them).
    static let maximumInProgress = 10_000

    public func startLifeEvent(_ request: Window.StartLifeEventRequest, context: CallContext) async throws -> Window.LifeEvent {
        guard let runner = lifeEvents else { throw RPCError(.unavailable, "this broker does not take life events in") }
        let procedure = try LifeEventProcedures.make(request)
        context.reportResidents(procedure.residents.map(\.rawValue))
        let clerk = context.principal.id
        let now = Date()
        let intake = LifeEventStore.Intake(
            request: request, kind: request.kind, idNumberMasked: procedure.subject.masked, communityCode: procedure.communityCode, takenBy: clerk,
            takenAtMs: Int64(now.timeIntervalSince1970 * 1000), takenOn: today(), intakeKey: context.idempotencyKey, steps: procedure.steps)
        // Written before any office is asked; a retried intake (same clerk, same key) is the same event.
        // `receipt` is nil for the retried intake: its delegation was obtained the first time.
        let (seq, receipt) = try await database.write { db -> (Int64, String?) in
            if let key = intake.intakeKey, let seq = try LifeEventStore.seq(db, takenBy: clerk, intakeKey: key) {
                return (seq, nil)
            }
            let inProgress = try LifeEventStore.unfinishedCount(db)
            guard inProgress < Self.maximumInProgress else {
                throw RPCError(
                    .resourceExhausted,
                    "\(inProgress) life events are in progress (limit \(Self.maximumInProgress)): the offices are behind; take the intake again later")
            }
            let (seq, receipt) = try LifeEventStore.insert(db, intake)
            return (seq, receipt)
        }
        if let receipt {
            do {
                // The clerk's standing permission for exactly these steps' calls, so that they can be
                // retried and resumed after this call has ended.
                let grant = try await Window.WindowClient(context).grantDelegation(
                    Window.GrantDelegationRequest(
                        reference: receipt, methods: type(of: procedure).methods + ["window.EndDelegation"], validHours: Self.lifeEventDelegationHours))
                try await database.write { db in try LifeEventStore.setDelegation(db, seq: seq, token: grant.token) }
            } catch {
                try? await database.write { db in try LifeEventStore.delete(db, seq: seq) }
                throw error
            }
        }
        runner.start(seq)
        guard let event = try await database.read({ db in try LifeEventStore.message(db, seq: seq) }) else {
            throw RPCError(.internal, "life event \(seq) could not be read back")
        }
        return event
    }

    public func getLifeEvent(_ request: Window.GetLifeEventRequest, context: CallContext) async throws -> Window.LifeEvent {
        var validation = Validation()
        validation.require(LifeEventStore.isReceipt(request.receipt), field: "receipt", "a receipt number: SL and digits (e.g. SL20261130000001)")
        try validation.finish()
        let found = try await database.read { db -> (Window.LifeEvent, Window.StartLifeEventRequest)? in
            guard let seq = try LifeEventStore.seq(db, receipt: request.receipt), let event = try LifeEventStore.message(db, seq: seq),
                let form = try LifeEventStore.form(db, seq: seq)
            else { return nil }
            return (event, form)
        }
        guard let (event, form) = found else {
            throw RPCError(.notFound, "no life event \(request.receipt)", violations: [Wire.FieldViolation(field: "receipt", description: "no such receipt")])
        }
        // Who looked at the event's residents is in their access log.
        if let procedure = try? LifeEventProcedures.make(form) { context.reportResidents(procedure.residents.map(\.rawValue)) }
        return event
    }
}

extension WindowComposition {
    public func listLifeEvents(_ request: Window.ListLifeEventsRequest, context: CallContext) async throws -> Window.ListLifeEventsResponse {
        var validation = Validation()
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let before = page?.afterID(&validation) ?? 0
        let community = request.communityCode.isEmpty ? nil : validation.community(request.communityCode, field: "community_code")?.rawValue
        try validation.finish()
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let rows = try await database.read { db in
            try LifeEventStore.list(db, state: request.state, community: community, beforeSeq: before, limit: pageRequest.fetchLimit)
        }
        let listed = pageRequest.page(of: rows, rowID: \.seq)
        // Who appeared in a clerk's worklist is in their access log.
        context.reportResidents(listed.rows.flatMap { (try? LifeEventProcedures.make($0.request))?.residents.map(\.rawValue) ?? [] })
        return Window.ListLifeEventsResponse(events: listed.rows.map(\.summary), nextPageToken: listed.nextToken)
    }
}
