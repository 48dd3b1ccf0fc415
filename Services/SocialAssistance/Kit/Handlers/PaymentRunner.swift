import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage

/// The monthly payment run (救济金发放) in batches: each batch is one transaction that pays its
/// cases and moves the run's saved position, so a crash between (or inside) batches loses no
/// payment and a re-run continues where the last committed batch ended. `UNIQUE (case_id,
/// month)` makes every payment happen once, whatever the retries; a run of a completed month
/// scans again from the start and pays only cases that became payable since.
struct PaymentRunner: Sendable {
    let database: ServiceDatabase
    let batchSize: Int
    let now: @Sendable () -> Date

    /// Runs `month` for at most `maxBatches` batches (nil: to the end); true when the month's run
    /// is complete.
    @discardableResult
    func run(_ month: LocalMonth, maxBatches: Int? = nil) async throws -> Bool {
        var batches = 0
        while maxBatches.map({ batches < $0 }) ?? true {
            batches += 1
            let complete = try await database.write { db in try runBatch(db, month) }
            if complete { return true }
        }
        return false
    }

    /// One batch in the caller's transaction; true when it reached the end of the payable cases.
    private func runBatch(_ db: Database, _ month: LocalMonth) throws -> Bool {
        var progress = try PaymentStore.progress(db, month: month) ?? .init(afterCaseID: 0, withoutStandard: 0, nothingDue: 0, completedAt: nil)
        if progress.completedAt != nil {
            // A repeated run: start over, counting afresh; payments already made are kept.
            progress = .init(afterCaseID: 0, withoutStandard: 0, nothingDue: 0, completedAt: nil)
        }
        let candidates = try PaymentStore.candidates(db, month: month, afterCaseID: progress.afterCaseID, limit: batchSize)
        let at = now()
        for candidate in candidates {
            switch MonthlyPayment.compute(means: candidate.means, standard: candidate.standard) {
            case .pay(let amount, let perCapita, let standard, let members):
                try PaymentStore.pay(db, candidate, month: month, amount: amount, perCapita: perCapita, standard: standard, members: members, at: at)
            case .withoutStandard:
                progress.withoutStandard += 1
            case .nothingDue:
                progress.nothingDue += 1
            }
        }
        if let last = candidates.last { progress.afterCaseID = last.caseID }
        let complete = candidates.count < batchSize
        if complete { progress.completedAt = at }
        try PaymentStore.saveProgress(db, month: month, progress)
        return complete
    }
}
