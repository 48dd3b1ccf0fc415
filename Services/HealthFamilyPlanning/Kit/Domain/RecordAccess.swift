/// How a caller may read one health record given their grids: within scope, as usual; outside it,
/// a caller who would see clinical details (health staff) must state a purpose and the read is
/// marked for the audit review (break the glass); anyone else is refused, as for every resident
/// record outside a grid worker's grids.
enum RecordAccess: Sendable, Equatable {
    case normal
    case breakTheGlass
    case denied

    init(inScope: Bool, seesClinicalDetails: Bool) {
        if inScope {
            self = .normal
        } else {
            self = seesClinicalDetails ? .breakTheGlass : .denied
        }
    }
}
