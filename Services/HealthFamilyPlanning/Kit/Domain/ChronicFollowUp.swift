import Domain
import Foundation

/// One recorded follow-up (随访) of a chronic disease enrolment.
struct ChronicFollowUp: Sendable, Equatable {
    var id: Int64
    var enrolmentID: Int64
    var date: LocalDate
    var measurements: Measurements
    var controlled: Bool
    var notes: String
    var recordedAt: Date

}
