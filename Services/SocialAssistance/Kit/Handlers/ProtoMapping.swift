import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import WireRuntime

/// Records of the office as the contract's messages, rendered for what the caller may see
/// (`HouseholdVisibility`); every resident that leaves the office is reported to the audit log
/// of the call here.
extension HouseholdRecord {
    func message(_ visibility: HouseholdVisibility, for context: CallContext) -> Assistance.Household {
        context.reportResidents(members.map(\.idNumber.rawValue))
        let means = visibility.shows(.means)
        let figures = self.means
        return Assistance.Household(
            householdId: EntityKind.household.format(id), communityCode: community.rawValue, gridCode: grid.rawValue,
            address: visibility.shows(.address) ? address : Self.maskAddress(address),
            members: members.map { $0.message(visibility) },
            totalIncomeFen: means ? figures.totalIncome.rawValue : 0, perCapitaIncomeFen: means ? figures.perCapitaIncome.rawValue : 0,
            category: figures.category.message, meansHidden: !means, registeredAtMs: UInt64(registeredAt.unixMilliseconds))
    }

    /// The first six characters of an address and "…" (the building and door are left out).
    static func maskAddress(_ address: String) -> String {
        address.count <= 6 ? String(repeating: "*", count: address.count) : String(address.prefix(6)) + "…"
    }
}

extension MemberRecord {
    func message(_ visibility: HouseholdVisibility) -> Assistance.Member {
        let means = visibility.shows(.means)
        return Assistance.Member(
            idNumber: visibility.shows(.idNumber) ? idNumber.rawValue : idNumber.masked, name: visibility.shows(.name) ? name : Masking.maskName(name),
            relation: relation, monthlyIncomeFen: means ? monthlyIncome.rawValue : 0, workCapacity: workCapacity,
            seriousIllness: means && seriousIllness, head: isHead)
    }
}

extension HouseholdMeans.Category {
    var message: Assistance.HouseholdCategory {
        switch self {
        case .noWorkCapacity: .noWorkCapacity
        case .partialOrIll: .partialOrIll
        case .ableBodied: .ableBodied
        }
    }
}

extension StandardStore.Record {
    var message: Assistance.Standard {
        Assistance.Standard(
            communityCode: community.rawValue, effectiveDate: effectiveDate.description, monthlyFen: monthly.rawValue, setBy: setBy,
            setAtMs: UInt64(setAt.unixMilliseconds))
    }
}

extension CaseStore.Event {
    var message: Assistance.CaseEvent {
        Assistance.CaseEvent(action: action, fromState: from, toState: to, actor: actor, atMs: UInt64(at.unixMilliseconds), reason: reason)
    }
}

extension ObjectionStore.Record {
    var message: Assistance.Objection {
        Assistance.Objection(
            objectionId: EntityKind.objection.format(id), caseId: EntityKind.allowanceCase.format(caseID), text: text,
            filedAtMs: UInt64(filedAt.unixMilliseconds), resolved: resolvedAt != nil, resolution: resolution, upheld: upheld,
            resolvedAtMs: resolvedAt.map { UInt64($0.unixMilliseconds) } ?? 0)
    }
}
