import EmploymentContract
import WireClient
import WireProtocol
import WireRuntime

/// Whether a placement (上岗) may be recorded: checked inside the write transaction, against the
/// rows as they are at that moment, so concurrent placements can never over-fill a vacancy.
public enum PlacementRules {
    public static func check(seeker: JobSeekerRecord, vacancy: VacancyRecord) throws(RPCError) {
        var violations: [Wire.FieldViolation] = []
        switch seeker.status {
        case .waiting: break
        case .placed: violations.append(Wire.FieldViolation(field: "seeker_id", description: "the seeker is already placed"))
        default: violations.append(Wire.FieldViolation(field: "seeker_id", description: "the seeker has withdrawn"))
        }
        switch vacancy.status {
        case .open where vacancy.openPositions > 0: break
        case .open, .filled: violations.append(Wire.FieldViolation(field: "vacancy_id", description: "all \(vacancy.positions) positions of the vacancy are filled"))
        default: violations.append(Wire.FieldViolation(field: "vacancy_id", description: "the vacancy is closed"))
        }
        if !Matching.isEligible(seeker, for: vacancy) {
            violations.append(Wire.FieldViolation(field: "seeker_id", description: "public-welfare posts (公益性岗位) are reserved for hardship groups (低保 members, the disabled, released prisoners); this seeker is a \(seeker.category.label)"))
        }
        guard violations.isEmpty else {
            throw RPCError(.failedPrecondition, violations.map { "\($0.field): \($0.description)" }.joined(separator: "; "), violations: violations)
        }
    }
}
