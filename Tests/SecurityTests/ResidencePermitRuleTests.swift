import Domain
import SecurityKit
import Testing

@Suite("Residence-permit eligibility (居住证): six months of continuous registration, residing now")
struct ResidencePermitRuleTests {
    static func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }
    static func stay(_ arrival: String, _ departure: String? = nil) throws -> ResidencePermitRule.Stay {
        ResidencePermitRule.Stay(arrival: try date(arrival), departure: try departure.map { try date($0) })
    }

    @Test("eligible from the day six calendar months after arrival, not the day before")
    func boundary() throws {
        let stays = [try Self.stay("2026-03-15")]
        let before = ResidencePermitRule.evaluate(stays, asOf: try Self.date("2026-09-14"), policy: SecurityPolicy())
        #expect(!before.eligible)
        #expect(before.eligibleFrom == (try Self.date("2026-09-15")))
        #expect(before.continuousSince == (try Self.date("2026-03-15")))
        #expect(before.continuousDays == 183)
        let on = ResidencePermitRule.evaluate(stays, asOf: try Self.date("2026-09-15"), policy: SecurityPolicy())
        #expect(on.eligible)
    }

    @Test("a re-registration the next day continues the run; a gap of two days breaks it")
    func continuity() throws {
        let next = [try Self.stay("2026-01-10", "2026-04-30"), try Self.stay("2026-05-01")]
        let joined = ResidencePermitRule.evaluate(next, asOf: try Self.date("2026-07-10"), policy: SecurityPolicy())
        #expect(joined.continuousSince == (try Self.date("2026-01-10")) && joined.eligible)
        let gap = [try Self.stay("2026-01-10", "2026-04-29"), try Self.stay("2026-05-01")]
        let broken = ResidencePermitRule.evaluate(gap, asOf: try Self.date("2026-07-10"), policy: SecurityPolicy())
        #expect(broken.continuousSince == (try Self.date("2026-05-01")) && !broken.eligible)
        #expect(broken.eligibleFrom == (try Self.date("2026-11-01")))
    }

    @Test("someone who has departed is not eligible, however long they stayed")
    func departed() throws {
        let verdict = ResidencePermitRule.evaluate([try Self.stay("2024-01-01", "2026-01-01")], asOf: try Self.date("2026-03-01"), policy: SecurityPolicy())
        #expect(!verdict.eligible && verdict.continuousSince == nil && verdict.eligibleFrom == nil && verdict.continuousDays == 0)
        #expect(!ResidencePermitRule.evaluate([], asOf: try Self.date("2026-03-01"), policy: SecurityPolicy()).eligible)
    }

    @Test("the months and the allowed gap are configuration")
    func configured() throws {
        var policy = SecurityPolicy()
        policy.residencePermitMonths = 12
        let stays = [try Self.stay("2026-01-10", "2026-04-28"), try Self.stay("2026-05-01")]
        #expect(!ResidencePermitRule.evaluate(stays, asOf: try Self.date("2026-12-01"), policy: policy).eligible)
        policy.residencePermitMonths = 6
        policy.continuityGapDays = 3
        #expect(ResidencePermitRule.evaluate(stays, asOf: try Self.date("2026-07-10"), policy: policy).eligible)
    }

    @Test(
        "months are calendar months, clamped to the end of a shorter month",
        arguments: [
            ("2026-08-31", 6, "2027-02-28"), ("2027-08-31", 6, "2028-02-29"), ("2026-01-15", 6, "2026-07-15"), ("2026-11-30", 3, "2027-02-28"),
            ("2026-03-31", -1, "2026-02-28"),
        ])
    func months(start: String, months: Int, expected: String) throws {
        #expect(try Self.date(start).adding(months: months).description == expected)
    }
}
