import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// The monthly payment run (救济金发放), its reconciliation (对账) per community, and the payment
/// list for the finance office.
extension AssistanceOffice {
    public func runPayments(_ request: Assistance.RunPaymentsRequest, context: CallContext) async throws -> Assistance.PaymentRun {
        var validation = Validation()
        let month = validation.month(request.month, field: "month")
        try validation.finish()
        let paid = try validation.unwrap(month, field: "month")
        let started = ContinuousClock.now
        try await PaymentRunner(database: database, batchSize: policy.paymentBatchSize, now: now).run(paid)
        let run = try await database.read { db in
            (progress: try PaymentStore.progress(db, month: paid), totals: try PaymentStore.totals(db, month: paid))
        }
        let households = run.totals.reduce(0) { $0 + $1.households }
        let total: Fen = run.totals.reduce(Fen.zero) { $0 + $1.total }
        let communities: [Assistance.CommunityTotal] = run.totals.map {
            Assistance.CommunityTotal(communityCode: $0.community, households: UInt32($0.households), totalFen: $0.total.rawValue)
        }
        logger.info("payment run", metadata: ["month": "\(paid)", "households": "\(households)", "took": "\(ContinuousClock.now - started)"])
        let progress = run.progress
        return Assistance.PaymentRun(
            month: paid.description, householdsPaid: UInt32(households), totalFen: total.rawValue, communities: communities,
            withoutStandard: UInt32(progress?.withoutStandard ?? 0), completedAtMs: progress?.completedAt.map { UInt64($0.unixMilliseconds) } ?? 0,
            nothingDue: UInt32(progress?.nothingDue ?? 0))
    }

    public func getReconciliation(_ request: Assistance.GetReconciliationRequest, context: CallContext) async throws -> Assistance.Reconciliation {
        var validation = Validation()
        let month = validation.month(request.month, field: "month")
        let community = validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        let reconciled = try validation.unwrap(month, field: "month")
        let served = try validation.unwrap(community, field: "community_code")
        return try await database.read { db in
            let paid = try PaymentStore.totals(db, month: reconciled).first { $0.community == served.rawValue }
            let changes = try CaseStore.newAndStopped(db, community: served, month: reconciled)
            return Assistance.Reconciliation(
                month: reconciled.description, communityCode: served.rawValue, householdsPaid: UInt32(paid?.households ?? 0),
                totalFen: paid?.total.rawValue ?? 0, stopped: UInt32(changes.stopped), newCases: UInt32(changes.new))
        }
    }

    public func exportPaymentList(_ request: Assistance.ExportPaymentListRequest, context: CallContext) async throws -> Assistance.PaymentList {
        var validation = Validation()
        let month = validation.month(request.month, field: "month")
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let listed = try validation.unwrap(month, field: "month")
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let lines = try await database.read { db in
            pageRequest.page(of: try PaymentStore.lines(db, month: listed, community: served, afterID: after, limit: pageRequest.fetchLimit), rowID: \.id)
        }
        context.reportResidents(lines.rows.map(\.headIDNumber).filter { !$0.isEmpty })
        return Assistance.PaymentList(
            csv: PaymentListCSV.render(lines.rows), rows: UInt32(lines.rows.count), pageTotalFen: lines.rows.reduce(Fen.zero) { $0 + $1.amount }.rawValue,
            nextPageToken: lines.nextToken)
    }
}
