import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import WireProtocol
import WireRuntime

/// A case as the contract's message: the household's head and means test as of `today`, the
/// notice, open objections and history, rendered for what the caller may see.
extension AssistanceOffice {
    static func caseMessage(
        _ db: Database, _ record: AllowanceCaseRecord, visibility: HouseholdVisibility, today: LocalDate, historyShown: Int, context: CallContext
    ) throws -> Assistance.AllowanceCase {
        let household = try household(db, record.householdID)
        let head = household.head
        if let head { context.reportResidents([head.idNumber.rawValue]) }
        let means = household.means
        let standard = try StandardStore.inForce(db, community: record.community, month: LocalMonth(today))
        let showsMeans = visibility.shows(.means)
        return Assistance.AllowanceCase(
            caseId: EntityKind.allowanceCase.format(record.id), householdId: EntityKind.household.format(record.householdID),
            communityCode: record.community.rawValue, gridCode: record.grid.rawValue, state: record.state,
            headName: head.map { visibility.shows(.name) ? $0.name : Masking.maskName($0.name) } ?? "",
            headIdNumber: head.map { visibility.shows(.idNumber) ? $0.idNumber.rawValue : $0.idNumber.masked } ?? "",
            members: UInt32(means.members), category: means.category.message,
            perCapitaIncomeFen: showsMeans ? means.perCapitaIncome.rawValue : 0, standardFen: showsMeans ? standard?.rawValue ?? 0 : 0,
            monthlyAmountFen: showsMeans ? standard.map { means.monthlyAmount(standard: $0).rawValue } ?? 0 : 0,
            noticeStartDate: record.noticeStart?.description ?? "", noticeEndDate: record.noticeEnd?.description ?? "",
            openObjections: UInt32(try ObjectionStore.openCount(db, caseID: record.id)),
            firstPaidMonth: record.firstPaidMonth?.description ?? "", lastPaidMonth: record.lastPaidMonth?.description ?? "",
            nextReviewDate: record.nextReview?.description ?? "", reason: record.reason, meansHidden: !showsMeans,
            appliedAtMs: UInt64(record.appliedAt.unixMilliseconds),
            history: try CaseStore.events(db, caseID: record.id, limit: historyShown).map(\.message),
            evidence: showsMeans ? try CaseStore.evidence(db, caseID: record.id) : [])
    }

    /// The case a write has just written or a replay refers to.
    static func allowanceCase(_ db: Database, _ id: Int64) throws -> AllowanceCaseRecord {
        guard let record = try CaseStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.allowanceCase.id(id)) }
        return record
    }

    /// Renders the case `id` for the caller (the `render` of every case write).
    func renderCase(_ db: Database, _ id: Int64, visibility: HouseholdVisibility, context: CallContext) throws -> Assistance.AllowanceCase {
        try Self.caseMessage(db, Self.allowanceCase(db, id), visibility: visibility, today: today, historyShown: policy.historyShown, context: context)
    }
}
