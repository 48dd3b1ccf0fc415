import DepartmentKit
import Domain
import Foundation
import GRDB
import WindowContract
import WireProtocol
import WireRuntime

/// 好差评: the window's evaluation methods (RateService, ListRectifications, CloseRectification,
/// GetSatisfaction), kept in broker.sqlite.
extension WindowComposition {
    public func rateService(_ request: Window.RateServiceRequest, context: CallContext) async throws -> Window.Evaluation {
        var validation = Validation()
        validation.require(EvaluationRules.offices.contains(request.office), field: "office", "must be one of employment, assistance, health, security")
        validation.require(Self.isReference(request.subject), field: "subject", "must be 1–64 letters, digits, '.', '-' or '_'")
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require((1...5).contains(request.level.rawValue), field: "level", "must be one of the five satisfaction levels")
        validation.require(
            request.comment.unicodeScalars.count <= EvaluationRules.maximumCommentLength, field: "comment",
            "at most \(EvaluationRules.maximumCommentLength) characters")
        validation.require(
            !request.comment.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, field: "comment",
            "must not contain control characters")
        try await validation.registered(community, field: "community_code", in: registry, context: context)
        try validation.finish()
        if LifeEventStore.isReceipt(request.subject) {
            // A life event is rated once it has ended, for an office that took part in it.
            let event = try await database.read { db in try LifeEventStore.seq(db, receipt: request.subject).flatMap { try LifeEventStore.message(db, seq: $0) }
            }
            guard let event else {
                throw RPCError(
                    .notFound, "no life event \(request.subject)", violations: [Wire.FieldViolation(field: "subject", description: "no such receipt")])
            }
            guard event.state != .lifeEventInProgress else {
                throw RPCError(.failedPrecondition, "life event \(request.subject) is still in progress: rate it once it has ended")
            }
            guard event.steps.contains(where: { $0.office == request.office }) else {
                throw RPCError(
                    .failedPrecondition, "\(request.office) took no part in life event \(request.subject)",
                    violations: [Wire.FieldViolation(field: "office", description: "not an office of this life event")])
            }
        }

        let today = self.today()
        let level = Int(request.level.rawValue)
        let new = EvaluationStore.NewEvaluation(
            office: request.office, subject: request.subject, communityCode: request.communityCode, level: level, comment: request.comment,
            ratedAtMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()), ratedOn: today, recordedBy: context.principal.id,
            rectificationDue: EvaluationRules.opensRectification(level: level) ? EvaluationRules.dueDate(openedOn: today, calendar: calendar) : nil)
        return try await database.idempotentWrite(context, request: request) { db in
            try EvaluationStore.insert(db, new)
        } render: { db, id in
            guard let evaluation = try EvaluationStore.evaluation(db, id: id) else { throw RPCError.notReadBack(EvaluationKind.evaluation.id(id)) }
            return evaluation
        }
    }

    public func listRectifications(_ request: Window.ListRectificationsRequest, context: CallContext) async throws
        -> Window.ListRectificationsResponse
    {
        var validation = Validation()
        if !request.office.isEmpty {
            validation.require(EvaluationRules.offices.contains(request.office), field: "office", "must be one of employment, assistance, health, security")
        }
        if !request.communityCode.isEmpty { _ = validation.community(request.communityCode, field: "community_code") }
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 2)
        var after: (due: String, id: Int64)?
        if let values = page?.after {
            if let id = Int64(values[1]), id > 0, (try? LocalDate(iso: values[0])) != nil {
                after = (values[0], id)
            } else {
                validation.fail(field: "page_token", "invalid page_token: not a position in this list")
            }
        }
        try validation.finish()
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let today = self.today()
        let filter = EvaluationStore.Filter(
            office: request.office.isEmpty ? nil : request.office, communityCode: request.communityCode.isEmpty ? nil : request.communityCode,
            openOnly: request.openOnly, overdueBefore: request.overdueOnly ? today : nil)
        let position = after
        let rows = try await database.read { db in
            try EvaluationStore.rectifications(db, filter: filter, after: position, limit: pageRequest.fetchLimit, today: today)
        }
        let listed = pageRequest.page(of: rows) { [$0.due, String($0.id)] }
        return Window.ListRectificationsResponse(items: listed.rows.map(\.row), nextPageToken: listed.nextToken)
    }

    public func closeRectification(_ request: Window.CloseRectificationRequest, context: CallContext) async throws -> Window.Rectification {
        var validation = Validation()
        let id = validation.entityID(request.rectificationId, EvaluationKind.rectification, field: "rectification_id")
        validation.length(request.fix, field: "fix", within: 1...EvaluationRules.maximumCommentLength)
        try validation.finish()
        let rectification = try validation.unwrap(id, field: "rectification_id")
        let today = self.today()
        let principal = context.principal
        return try await database.idempotentWrite(context, request: request) { db in
            guard let item = try EvaluationStore.rectification(db, id: rectification.row, today: today) else {
                throw RPCError.notFound(rectification, field: "rectification_id")
            }
            guard principal.hasRole(item.office) else {
                throw RPCError(.permissionDenied, "only \(item.office) staff may close \(item.rectificationId)")
            }
            guard try EvaluationStore.close(db, id: rectification.row, fix: request.fix, by: principal.id, on: today) else {
                throw RPCError(.failedPrecondition, "\(item.rectificationId) was already closed on \(item.closedOn)")
            }
            return rectification.row
        } render: { db, id in
            guard let item = try EvaluationStore.rectification(db, id: id, today: today) else { throw RPCError.notReadBack(rectification) }
            return item
        }
    }

    public func getSatisfaction(_ request: Window.GetSatisfactionRequest, context: CallContext) async throws -> Window.GetSatisfactionResponse {
        var validation = Validation()
        _ = validation.month(request.month, field: "month")
        try validation.finish()
        let (offices, communities) = try await database.read { db in
            (
                try EvaluationStore.figures(db, month: request.month, by: "office"),
                try EvaluationStore.figures(db, month: request.month, by: "community_code")
            )
        }
        // Every office is listed, rated or not; communities as they were rated.
        let officeFigures = EvaluationRules.offices.sorted().map { office in
            offices.first { $0.key == office } ?? EvaluationStore.Figures(key: office, ratings: 0, satisfied: 0, dissatisfied: 0, opened: 0, stillOpen: 0)
        }
        return Window.GetSatisfactionResponse(month: request.month, offices: Self.ranked(officeFigures), communities: Self.ranked(communities))
    }

    static func ranked(_ figures: [EvaluationStore.Figures]) -> [Window.SatisfactionFigures] {
        let byKey = Dictionary(uniqueKeysWithValues: figures.map { ($0.key, $0) })
        let order = EvaluationRules.ranked(
            figures.map { ($0.key, $0.ratings, EvaluationRules.perMille(satisfied: $0.satisfied, of: $0.ratings)) })
        return order.compactMap { entry in
            guard let f = byKey[entry.key] else { return nil }
            return Window.SatisfactionFigures(
                key: f.key, ratings: UInt32(f.ratings), satisfied: UInt32(f.satisfied), dissatisfied: UInt32(f.dissatisfied),
                satisfiedPerMille: UInt32(EvaluationRules.perMille(satisfied: f.satisfied, of: f.ratings)), rank: UInt32(entry.rank),
                rectificationsOpened: UInt32(f.opened), rectificationsOpen: UInt32(f.stillOpen))
        }
    }

    /// 1–64 ASCII letters, digits, '.', '-' or '_': what a rating's subject and a delegation's
    /// reference (a receipt, a method, a case id) may be — safe to store, list and log.
    public static func isReference(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            }
    }
}
