import Domain
import Foundation
import HealthContract

/// A resident's health record (健康档案) as the office keeps it: registered and floating residents
/// alike, one record per resident. The age groups are not kept: they are derived when read.
struct ResidentHealthRecord: Sendable, Equatable {
    var id: Int64
    var idNumber: ResidentIdentityNumber
    var name: String
    var community: CommunityCode
    var grid: GridCode
    var residence: Health.ResidenceKind
    var chronicallyIll: Bool
    var disabled: Bool
    var poor: Bool
    /// Diagnoses (诊断): health staff only.
    var conditions: [String]
    /// Clinical notes: health staff only.
    var notes: String
    var createdAt: Date
    var updatedAt: Date

    /// The resident's priority groups on `day`.
    func groups(on day: LocalDate, policy: HealthPolicy) -> PriorityGroups {
        PriorityGroups(idNumber: idNumber, on: day, policy: policy, chronicallyIll: chronicallyIll, disabled: disabled, poor: poor)
    }

    /// A record moves only between the grids of its community.
    func checkMove(to newGrid: GridCode) throws(HealthRecordRefusal) {
        guard newGrid.community == community else { throw .gridOutsideCommunity(grid: newGrid, community: community) }
    }
}
