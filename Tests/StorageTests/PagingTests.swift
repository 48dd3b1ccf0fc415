import Storage
import Testing

@Suite("Paging")
struct PagingTests {
    @Test(
        "page tokens round-trip",
        arguments: [
            [String](), ["42"], ["2024-05-01T10:00:00Z", "case-00017"], ["", "ünïcødé ✓", String(repeating: "x", count: 300)],
        ])
    func roundTrip(values: [String]) throws {
        let token = PageToken(values: values)
        let encoded = token.encoded
        #expect(encoded.utf8.allSatisfy { $0.isURLSafeBase64 })
        #expect(try PageToken(encoded: encoded) == token)
        #expect(try PageToken.decodeIfPresent(encoded)?.values == values)
    }

    @Test("an empty page_token means the first page")
    func emptyMeansFirstPage() throws {
        #expect(try PageToken.decodeIfPresent("") == nil)
        #expect(throws: PageTokenError.self) { try PageToken(encoded: "") }
    }

    @Test(
        "garbage and altered tokens are rejected as invalid page_token",
        arguments: [
            "!!!", "abc", "a", "AAAA", "not a token", "AQFhYmM", "%2F", String(repeating: "A", count: 5000),
        ])
    func garbage(text: String) {
        let error = #expect(throws: PageTokenError.self) { try PageToken(encoded: text) }
        #expect(error?.description.hasPrefix("invalid page_token") == true)
        #expect(error?.statusCodeName == "INVALID_ARGUMENT")
    }

    @Test("changing, truncating or extending a real token is detected")
    func tampering() {
        let encoded = PageToken(values: ["2024-05-01", "case-17"]).encoded
        var altered = Array(encoded)
        altered[4] = altered[4] == "A" ? "B" : "A"
        let variants = [String(altered), String(encoded.dropLast()), String(encoded.dropLast(4)), encoded + "AA"]
        for variant in variants {
            #expect(throws: PageTokenError.self) { try PageToken(encoded: variant) }
        }
    }

    @Test(
        "page sizes: 0 means 50, large values clamp to 500",
        arguments: [
            (0, 50), (1, 1), (50, 50), (499, 499), (500, 500), (501, 500), (Int.max, 500),
        ])
    func pageSizeClamping(requested: Int, expected: Int) throws {
        let size = try PageSize(requested: requested)
        #expect(size.value == expected)
        #expect(size.fetchLimit == expected + 1)
    }

    @Test("a negative page size is an error")
    func negativePageSize() {
        let error = #expect(throws: PageSizeError.self) { try PageSize(requested: -1) }
        #expect(error == .negative(-1))
        #expect(error?.statusCodeName == "INVALID_ARGUMENT")
        #expect(error?.description.hasPrefix("invalid page_size") == true)
    }

    @Test("custom default and maximum")
    func customLimits() throws {
        #expect(try PageSize(requested: 0, defaultValue: 20, maximumValue: 100).value == 20)
        #expect(try PageSize(requested: 1000, defaultValue: 20, maximumValue: 100).value == 100)
    }
}

extension UInt8 {
    fileprivate var isURLSafeBase64: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-")
            || self == UInt8(ascii: "_")
    }
}
