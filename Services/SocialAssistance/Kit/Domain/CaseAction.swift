/// A step of a minimum living allowance case, as recorded in its history.
package enum CaseAction: String, Sendable, CaseIterable {
    case apply
    case review
    case approve
    case reject
    case periodicReview = "periodic-review"
    case stop
}
