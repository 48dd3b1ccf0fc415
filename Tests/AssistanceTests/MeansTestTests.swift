import AssistanceContract
import Domain
import Testing

@testable import AssistanceKit

@Suite("The means test, the amount formula and its one rounding rule")
struct MeansTestTests {
    @Test(
        "per-capita income rounds down to the fen; amount = (standard − per-capita) × members",
        arguments: [
            // members, total income, standard, per-capita, amount
            (3, 100_000, 98_500, 33_333, (98_500 - 33_333) * 3),
            (1, 0, 98_500, 0, 98_500),
            (4, 100_001, 50_000, 25_000, 100_000),
            (2, 197_000, 98_500, 98_500, 0),  // equal to the standard: does not qualify
            (2, 250_000, 98_500, 125_000, 0),
        ] as [(Int, Int64, Int64, Int64, Int64)])
    func formula(members: Int, income: Int64, standard: Int64, perCapita: Int64, amount: Int64) {
        let means = HouseholdMeans(members: members, totalIncome: Fen(income))
        #expect(means.perCapitaIncome == Fen(perCapita))
        #expect(means.monthlyAmount(standard: Fen(standard)) == Fen(amount))
        #expect(means.passes(standard: Fen(standard)) == (amount > 0))
    }

    @Test("the household's category is the most frequent review any member calls for")
    func category() {
        typealias C = HouseholdMeans.Category
        #expect(C([(.noWorkCapacity, false), (.noWorkCapacity, false)]) == .noWorkCapacity)
        #expect(C([(.noWorkCapacity, true)]) == .partialOrIll)
        #expect(C([(.noWorkCapacity, false), (.partialWorkCapacity, false)]) == .partialOrIll)
        #expect(C([(.partialWorkCapacity, true), (.fullWorkCapacity, false)]) == .ableBodied)
        let policy = AssistancePolicy()
        #expect(policy.reviewMonths(.noWorkCapacity) == 12)
        #expect(policy.reviewMonths(.partialOrIll) == 6)
        #expect(policy.reviewMonths(.ableBodied) == 3)
    }

    @Test("a month's payment: pays the formula, or says why not")
    func monthlyPayment() {
        let means = HouseholdMeans(members: 2, totalIncome: Fen(60_000))
        #expect(
            MonthlyPayment.compute(means: means, standard: Fen(98_500)) == .pay(amount: Fen(137_000), perCapita: Fen(30_000), standard: Fen(98_500), members: 2)
        )
        #expect(MonthlyPayment.compute(means: means, standard: nil) == .withoutStandard)
        #expect(MonthlyPayment.compute(means: means, standard: Fen(30_000)) == .nothingDue)
        #expect(MonthlyPayment.compute(means: nil, standard: Fen(30_000)) == .nothingDue)
    }

    @Test("months parse, print, and add; dates add months clamped to the month's end")
    func months() throws {
        let month = try LocalMonth(iso: "2026-11")
        #expect(month.description == "2026-11")
        #expect(month.next.description == "2026-12")
        #expect(month.adding(months: 2).description == "2027-01")
        #expect(month.adding(months: -11).description == "2025-12")
        #expect(month.lastDay.description == "2026-11-30")
        #expect(try LocalMonth(iso: "2028-02").lastDay.description == "2028-02-29")
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "2026-00", "２０２６-11"] { #expect(throws: LocalDateError.self) { try LocalMonth(iso: bad) } }
        #expect(try LocalDate(iso: "2026-01-31").adding(months: 1).description == "2026-02-28")
        #expect(try LocalDate(iso: "2026-11-02").adding(months: 3).description == "2027-02-02")
    }

    @Test("public notices show the family name and one star")
    func familyName() {
        #expect(Masking.familyNameOnly("张三丰") == "张*")
        #expect(Masking.familyNameOnly("欧阳娜娜") == "欧阳*")
        #expect(Masking.familyNameOnly("李") == "*")
    }
}
