import Domain
import Foundation
import SecurityContract
import SecurityKit
import Testing

@Suite("Case rules (安置帮教, 社区矫正): helpers, check-ins and closing of an active case")
struct CaseRulesTests {
    static func record(status: Security.CaseStatus = .active) throws -> SupervisionCaseRecord {
        let community = try CommunityCode("330902001001")
        return SupervisionCaseRecord(
            id: 1, kind: .communityCorrection, idNumber: try ResidentIdentityNumber(try Residents.idNumber(1), today: Residents.today), name: "王五",
            community: community, grid: try GridCode(community: community, number: 1), termStart: try LocalDate(iso: "2026-01-01"),
            termEnd: try LocalDate(iso: "2026-06-30"), checkInIntervalDays: 7, status: status, openedAt: Date(timeIntervalSince1970: 0))
    }

    static func helper(_ name: String, _ role: Security.HelperRole) throws -> CaseHelperRecord {
        CaseHelperRecord(id: 1, caseID: 1, name: name, role: role, phone: "", assignedOn: try LocalDate(iso: "2026-01-01"))
    }

    @Test("a check-in inside the term of an active case passes; outside the term or on a closed case it is refused")
    func checkIns() throws {
        let open = try Self.record()
        try open.checkCheckIn(on: try LocalDate(iso: "2026-01-01"))
        try open.checkCheckIn(on: try LocalDate(iso: "2026-06-30"))
        #expect(throws: CaseRefusal.checkInOutsideTerm(termStart: open.termStart, termEnd: open.termEnd)) {
            try open.checkCheckIn(on: try LocalDate(iso: "2026-07-01"))
        }
        #expect(throws: CaseRefusal.closed) { try Self.record(status: .closed).checkCheckIn(on: try LocalDate(iso: "2026-02-01")) }
    }

    @Test("closing: not before the term starts; completed only once the term is over; never twice")
    func closing() throws {
        let open = try Self.record()
        #expect(throws: CaseRefusal.closedBeforeTermStart(open.termStart)) { try open.checkClose(.revoked, on: try LocalDate(iso: "2025-12-31")) }
        #expect(throws: CaseRefusal.termNotCompleted(termEnd: open.termEnd)) { try open.checkClose(.termCompleted, on: try LocalDate(iso: "2026-06-29")) }
        try open.checkClose(.termCompleted, on: try LocalDate(iso: "2026-06-30"))
        try open.checkClose(.revoked, on: try LocalDate(iso: "2026-03-01"))
        #expect(throws: CaseRefusal.closed) { try Self.record(status: .closed).checkClose(.transferred, on: try LocalDate(iso: "2026-03-01")) }
    }

    @Test("helpers: once per name and role, at most the policy's number, none on a closed case")
    func helpers() throws {
        var policy = SecurityPolicy()
        policy.maxHelpersPerCase = 2
        let open = try Self.record()
        let one = [try Self.helper("李警官", .policeOfficer)]
        try open.checkHelper(name: "李警官", role: .volunteer, existing: one, policy: policy)
        #expect(throws: CaseRefusal.helperAlreadyAssigned) { try open.checkHelper(name: "李警官", role: .policeOfficer, existing: one, policy: policy) }
        let two = one + [try Self.helper("张志愿", .volunteer)]
        #expect(throws: CaseRefusal.tooManyHelpers(limit: 2)) { try open.checkHelper(name: "赵", role: .family, existing: two, policy: policy) }
        #expect(throws: CaseRefusal.closed) { try Self.record(status: .closed).checkHelper(name: "赵", role: .family, existing: [], policy: policy) }
    }
}
