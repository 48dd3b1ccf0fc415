import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// Minimum living allowance cases (低保): apply, community review with the means test, approve,
/// reject, periodic review, stop, get, list, reviews due. Every transition is recorded with who
/// and when, in the transaction that makes it.
extension AssistanceOffice {
    public func applyForAllowance(_ request: Assistance.ApplyForAllowanceRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        let application = try ApplyForAllowance(validating: request, for: self, context: context)
        let visibility = HouseholdVisibility(context.principal)
        let scope = GridScope(principal: context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard let household = try HouseholdStore.find(db, id: application.household.row) else {
                throw RPCError.notFound(application.household, field: "household_id")
            }
            try scope.require(household.grid, field: "household_id")
            if let open = try CaseStore.openCase(db, householdID: household.id) { throw CaseRefusal.householdHasOpenCase(caseRow: open.id) }
            let at = now()
            let record = AllowanceCaseRecord(
                id: 0, householdID: household.id, community: household.community, grid: household.grid, state: .applied, appliedAt: at)
            let id = try CaseStore.insert(db, record)
            try CaseStore.insertEvidence(db, caseID: id, application.evidence)
            try CaseStore.recordEvent(
                db, caseID: id, .init(action: CaseAction.apply.rawValue, from: .unspecified, to: .applied, actor: actor, at: at, reason: ""))
            logger.info("allowance applied for", metadata: ["case": "\(EntityKind.allowanceCase.id(id))", "principal": "\(actor)"])
            return id
        } render: { db, id in
            try renderCase(db, id, visibility: visibility, context: context)
        }
    }

    public func reviewApplication(_ request: Assistance.ReviewApplicationRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        let review = try ReviewApplication(validating: request, for: self, context: context)
        return try await transition(review.step.caseID, .review, note: review.step.note, request: request, context: context) { db, record, day in
            let household = try Self.household(db, record.householdID)
            let month = LocalMonth(day)
            guard let standard = try StandardStore.inForce(db, community: record.community, month: month) else {
                throw CaseRefusal.noStandard(record.community, month)
            }
            var changed = record
            let outcome = try CaseRules.review(record.state, means: household.means, standard: standard)
            changed.state = outcome.state
            if outcome.state == .underNotice {
                let notice = CaseRules.notice(from: day, days: policy.noticeDays)
                changed.noticeStart = notice.start
                changed.noticeEnd = notice.end
            } else {
                changed.reason = outcome.reason
            }
            return (changed, outcome.reason.isEmpty ? review.step.note : outcome.reason)
        }
    }

    public func approveCase(_ request: Assistance.ApproveCaseRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        let approval = try ApproveCase(validating: request, for: self, context: context)
        return try await transition(approval.step.caseID, .approve, note: approval.step.note, request: request, context: context) { db, record, day in
            try CaseRules.approve(record.state, noticeEnd: record.noticeEnd, today: day, openObjections: try ObjectionStore.openCount(db, caseID: record.id))
            let household = try Self.household(db, record.householdID)
            var changed = record
            changed.state = .active
            changed.firstPaidMonth = LocalMonth(day)
            changed.nextReview = day.adding(months: policy.reviewMonths(household.means.category))
            return (changed, approval.step.note)
        }
    }

    public func rejectCase(_ request: Assistance.RejectCaseRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        let rejection = try RejectCase(validating: request, for: self, context: context)
        return try await transition(rejection.step.caseID, .reject, note: rejection.step.note, request: request, context: context) { _, record, _ in
            try CaseRules.require(.reject, from: record.state)
            var changed = record
            changed.state = .rejected
            changed.reason = rejection.step.note
            return (changed, rejection.step.note)
        }
    }

    public func stopCase(_ request: Assistance.StopCaseRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        let stop = try StopCase(validating: request, for: self, context: context)
        return try await transition(stop.step.caseID, .stop, note: stop.step.note, request: request, context: context) { _, record, day in
            try CaseRules.require(.stop, from: record.state)
            return (Self.stopped(record, on: day, reason: stop.step.note), stop.step.note)
        }
    }

    public func recordPeriodicReview(_ request: Assistance.RecordPeriodicReviewRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        let review = try RecordPeriodicReview(validating: request, for: self, context: context)
        return try await transition(review.caseID, .periodicReview, note: review.reason, request: request, context: context) { db, record, day in
            let household = try Self.household(db, record.householdID)
            let month = LocalMonth(day)
            // The decision is about the next month: its standard, and the means as reported now.
            guard let standard = try StandardStore.inForce(db, community: record.community, month: month.next) else {
                throw CaseRefusal.noStandard(record.community, month.next)
            }
            let current = try HouseholdStore.means(db, householdID: record.householdID, in: month)
            let paidNow = MonthlyPayment.compute(means: current, standard: try StandardStore.inForce(db, community: record.community, month: month))
            let amountNow: Fen = if case .pay(let amount, _, _, _) = paidNow { amount } else { .zero }
            let state = try CaseRules.periodicReview(
                record.state, decision: review.decision, nextMeans: household.means, standard: standard, amountNow: amountNow)
            if state == .stopped { return (Self.stopped(record, on: day, reason: review.reason), review.reason) }
            var changed = record
            changed.nextReview = day.adding(months: policy.reviewMonths(household.means.category))
            return (changed, review.reason)
        }
    }

    public func getCase(_ request: Assistance.GetCaseRequest, context: CallContext) async throws -> Assistance.AllowanceCase {
        var validation = Validation()
        let id = validation.entityID(request.caseId, .allowanceCase, field: "case_id")
        try validation.finish()
        let caseID = try validation.unwrap(id, field: "case_id")
        let visibility = HouseholdVisibility(context.principal)
        let scope = GridScope(principal: context.principal)
        return try await database.read { db in
            guard let record = try CaseStore.find(db, id: caseID.row) else { throw RPCError.notFound(caseID, field: "case_id") }
            try scope.require(record.grid, field: "case_id")
            return try Self.caseMessage(db, record, visibility: visibility, today: today, historyShown: policy.historyShown, context: context)
        }
    }

    public func listCases(_ request: Assistance.ListCasesRequest, context: CallContext) async throws -> Assistance.ListCasesResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let state = request.state == .unspecified ? nil : request.state
        return try await renderCases(context) { db in
            pageRequest.page(of: try CaseStore.list(db, community: served, state: state, afterID: after, limit: pageRequest.fetchLimit), rowID: \.id)
        }
    }

    public func listReviewsDue(_ request: Assistance.ListReviewsDueRequest, context: CallContext) async throws -> Assistance.ListCasesResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let day = validation.date(request.asOfDate, field: "as_of_date", default: today)
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 2)
        let after = page?.after.flatMap { values in Int64(values[1]).map { (date: values[0], id: $0) } }
        validation.require(page?.after == nil || after != nil, field: "page_token", "invalid page_token: not a position in this list")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let asOf = try validation.unwrap(day, field: "as_of_date")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        return try await renderCases(context) { db in
            pageRequest.page(of: try CaseStore.reviewsDue(db, community: served, by: asOf, after: after, limit: pageRequest.fetchLimit)) {
                [$0.nextReview?.description ?? "", String($0.id)]
            }
        }
    }

    /// A page of cases read and rendered in one read transaction.
    private func renderCases(_ context: CallContext, _ fetch: @escaping @Sendable (Database) throws -> Page<AllowanceCaseRecord>) async throws
        -> Assistance.ListCasesResponse
    {
        let visibility = HouseholdVisibility(context.principal)
        let day = today
        let shown = policy.historyShown
        return try await database.read { db in
            let page = try fetch(db)
            let cases = try page.rows.map { try Self.caseMessage(db, $0, visibility: visibility, today: day, historyShown: shown, context: context) }
            return Assistance.ListCasesResponse(cases: cases, nextPageToken: page.nextToken)
        }
    }

    /// One step of a case in one idempotent transaction: `step` checks the rules and returns the
    /// case as it becomes with the reason to record; the transition is recorded with who and when.
    private func transition<Request: ProtoMessage>(
        _ id: EntityID, _ action: CaseAction, note: String, request: Request, context: CallContext,
        _ step: @escaping @Sendable (Database, AllowanceCaseRecord, LocalDate) throws -> (AllowanceCaseRecord, String)
    ) async throws -> Assistance.AllowanceCase {
        let visibility = HouseholdVisibility(context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try CaseStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "case_id") }
            let at = now()
            let (changed, reason) = try step(db, record, LocalDate(at))
            try CaseStore.update(db, changed)
            try CaseStore.recordEvent(
                db, caseID: record.id, .init(action: action.rawValue, from: record.state, to: changed.state, actor: actor, at: at, reason: reason))
            logger.info(
                "case step", metadata: ["case": "\(id)", "action": "\(action.rawValue)", "state": "\(changed.state)", "principal": "\(actor)"])
            return record.id
        } render: { db, id in
            try renderCase(db, id, visibility: visibility, context: context)
        }
    }

    /// The case stopped on `day`: paid for that day's month, not after.
    static func stopped(_ record: AllowanceCaseRecord, on day: LocalDate, reason: String) -> AllowanceCaseRecord {
        var changed = record
        changed.state = .stopped
        changed.lastPaidMonth = LocalMonth(day)
        changed.nextReview = nil
        changed.reason = reason
        return changed
    }
}
