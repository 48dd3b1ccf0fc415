import DepartmentKit
import Domain
import Foundation

/// The payment list as the finance office takes it: CSV (RFC 4180) with masked ID numbers and
/// names, one line per payment, amounts in fen.
enum PaymentListCSV {
    static let header = "payment_id,case_id,household_id,head_id_number,head_name,members,amount_fen"

    static func render(_ lines: [PaymentStore.Line]) -> String {
        var csv = header + "\r\n"
        for line in lines {
            let fields = [
                EntityKind.payment.format(line.id), EntityKind.allowanceCase.format(line.caseID), EntityKind.household.format(line.householdID),
                Masking.maskIDNumber(line.headIDNumber), Masking.familyNameOnly(line.headName), String(line.members), String(line.amount.rawValue),
            ]
            csv += fields.map(quoted).joined(separator: ",") + "\r\n"
        }
        return csv
    }

    /// A field quoted when it holds a comma, quote or line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
