import DepartmentKit
import Domain
import WireProtocol

extension PageRequest {
    /// The keyset position of an overdue list (due date, then id) to continue after: nil on the
    /// first page; a token that is not such a position is a violation of `page_token`.
    func afterDueDate(_ validation: inout Validation) -> (due: String, id: Int64)? {
        guard let after else { return nil }
        guard let due = try? LocalDate(iso: after[0]), let id = Int64(after[1]), id > 0 else {
            validation.fail(field: "page_token", "invalid page_token: not a position in this list")
            return nil
        }
        return (due.description, id)
    }
}
