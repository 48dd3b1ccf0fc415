import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol

extension Validation {
    /// A household member from the wire, every field checked under `field` ("members[2]"); nil
    /// (with violations) when anything is wrong.
    mutating func member(_ member: Assistance.Member, field: String) -> MemberRecord? {
        let idNumber = residentID(member.idNumber, field: "\(field).id_number")
        let name = personName(member.name, field: "\(field).name")
        text(member.relation, field: "\(field).relation", maxLength: 20)
        let income = amount(member.monthlyIncomeFen, field: "\(field).monthly_income_fen", maximum: 100_000_000)
        require(member.workCapacity != .unspecified, field: "\(field).work_capacity", "is required")
        guard let idNumber, let name, let income, member.workCapacity != .unspecified else { return nil }
        return MemberRecord(
            idNumber: idNumber, name: name.rawValue, relation: member.relation, monthlyIncome: income, workCapacity: member.workCapacity,
            seriousIllness: member.seriousIllness, isHead: member.head)
    }

    /// A reason or note: up to `maxLength` characters, required unless `required` is false.
    mutating func reason(_ value: String, field: String, maxLength: Int = 500, required: Bool = true) {
        text(value, field: field, maxLength: maxLength, required: required)
    }
}
