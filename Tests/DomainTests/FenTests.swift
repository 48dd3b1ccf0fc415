import Domain
import Foundation
import Testing

@Suite("Fen")
struct FenTests {
    @Test(
        "formats as yuan with separators",
        arguments: [
            (Int64(0), "0.00"), (5, "0.05"), (50, "0.50"), (99_999, "999.99"), (100_000, "1,000.00"),
            (123_456, "1,234.56"), (-123_456, "-1,234.56"), (-5, "-0.05"), (100_000_000, "1,000,000.00"),
            (Int64.max, "92,233,720,368,547,758.07"), (Int64.min, "-92,233,720,368,547,758.08"),
        ]
    )
    func yuanString(fen: Int64, expected: String) throws {
        let amount = Fen(fen)
        #expect(amount.yuanString == expected)
        #expect(amount.description == expected)
        #expect(try Fen(yuan: expected) == amount)
    }

    @Test(
        "parses yuan strings with up to two decimals",
        arguments: [
            ("12", Int64(1200)), ("12.3", 1230), ("12.30", 1230), ("0.05", 5), ("-0.05", -5), ("0", 0), ("-0", 0),
            ("1,234.56", 123_456), ("1234.56", 123_456), ("007.10", 710), ("1,000,000", 100_000_000),
            ("92233720368547758.07", Int64.max), ("-92233720368547758.08", Int64.min),
        ]
    )
    func parses(text: String, fen: Int64) throws {
        #expect(try Fen(yuan: text) == Fen(fen))
    }

    @Test(
        "rejects malformed yuan strings",
        arguments: [
            "", "-", ".5", "12.", "1.2.3", " 12", "12 ", "+12", "¥12", "１２", "1e3", "12,3456", "1,23.00", ",123", "123,", "1,,234", "12.3a", "--1", "0x10",
        ]
    )
    func rejectsMalformed(text: String) {
        #expect(throws: FenError.malformedYuan) { try Fen(yuan: text) }
    }

    @Test("rejects fractions of a fen and amounts that overflow")
    func rejectsPrecisionAndOverflow() {
        #expect(throws: FenError.tooManyDecimals) { try Fen(yuan: "12.345") }
        #expect(throws: FenError.tooManyDecimals) { try Fen(yuan: "0.001") }
        #expect(throws: FenError.overflow) { try Fen(yuan: "92233720368547758.08") }
        #expect(throws: FenError.overflow) { try Fen(yuan: "-92233720368547758.09") }
        #expect(throws: FenError.overflow) { try Fen(yuan: "100000000000000000000") }
    }

    @Test("operators add, subtract, negate and multiply")
    func operators() {
        #expect(Fen(150) + Fen(250) == Fen(400))
        #expect(Fen(150) - Fen(250) == Fen(-100))
        #expect(-Fen(150) == Fen(-150))
        #expect(Fen(150) * 3 == Fen(450))
        #expect(3 * Fen(150) == Fen(450))
        var total = Fen.zero
        total += Fen(100)
        total -= Fen(30)
        #expect(total == Fen(70))
        #expect([Fen(1), Fen(2), Fen(3)].reduce(.zero, +) == Fen(6))
        #expect(Fen(-1) < Fen(0) && Fen(0) < Fen(1))
    }

    @Test("checked arithmetic throws on overflow instead of trapping")
    func checkedArithmetic() throws {
        #expect(try Fen(150).adding(Fen(250)) == Fen(400))
        #expect(try Fen(150).subtracting(Fen(250)) == Fen(-100))
        #expect(try Fen(150).multiplied(by: -2) == Fen(-300))
        #expect(throws: FenError.overflow) { try Fen(.max).adding(Fen(1)) }
        #expect(throws: FenError.overflow) { try Fen(.min).subtracting(Fen(1)) }
        #expect(throws: FenError.overflow) { try Fen(.max / 2 + 1).multiplied(by: 2) }
        #expect(throws: FenError.overflow) { try Fen(.min).multiplied(by: -1) }
    }

    @Test("the + operator traps on overflow")
    func operatorTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Fen(.max) + Fen(1)
        }
    }

    @Test("validates non-negative amounts")
    func nonNegative() throws {
        #expect(try Fen(0).validatedNonNegative() == Fen(0))
        #expect(try Fen(1).validatedNonNegative() == Fen(1))
        #expect(throws: FenError.negative(Fen(-1))) { try Fen(-1).validatedNonNegative() }
        #expect(Fen(-1).isNegative && !Fen(0).isNegative)
        #expect(FenError.negative(Fen(-150)).description == "The amount -1.50 yuan is negative, but it must be zero or more.")
    }

    @Test("Codable as a bare integer of fen")
    func codable() throws {
        let data = try JSONEncoder().encode([Fen(123_456)])
        #expect(String(decoding: data, as: UTF8.self) == "[123456]")
        #expect(try JSONDecoder().decode([Fen].self, from: data) == [Fen(123_456)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Fen].self, from: Data("[1.5]".utf8)) }
    }
}
