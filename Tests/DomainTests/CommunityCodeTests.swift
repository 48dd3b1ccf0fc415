import Domain
import Foundation
import Testing

@Suite("CommunityCode")
struct CommunityCodeTests {
    @Test("exposes its parts")
    func parts() throws {
        let code = try CommunityCode("110105002001")
        #expect(code.rawValue == "110105002001")
        #expect(code.description == "110105002001")
        #expect(code.provinceCode == "11")
        #expect(code.countyCode == "110105")
        #expect(code.townshipPart == "002")
        #expect(code.townshipCode == "110105002")
        #expect(code.communityPart == "001")
    }

    @Test("accepts codes from several provinces", arguments: ["440305005003", "310104011008", "650102001012", "820001001001", "710101001999"])
    func acceptsValid(text: String) throws {
        #expect(try CommunityCode(text).rawValue == text)
    }

    @Test("rejects wrong lengths", arguments: [("", 0), ("11010500200", 11), ("1101050020011", 13), (" 110105002001", 13)])
    func wrongLength(text: String, count: Int) {
        #expect(throws: CommunityCodeError.wrongLength(count)) { try CommunityCode(text) }
    }

    @Test("rejects non-digits", arguments: [("a10105002001", 1), ("11010500200O", 12), ("110105 02001", 7), ("１10105002001", 1)])
    func nonDigit(text: String, position: Int) {
        #expect(throws: CommunityCodeError.nonDigit(position: position)) { try CommunityCode(text) }
    }

    @Test("rejects unknown province prefixes", arguments: ["000105002001", "990105002001", "160105002001", "720105002001"])
    func invalidProvince(text: String) {
        #expect(throws: CommunityCodeError.invalidProvinceCode(String(text.prefix(2)))) { try CommunityCode(text) }
    }

    @Test("rejects township-level and county-level codes")
    func zeroParts() {
        #expect(throws: CommunityCodeError.missingCommunityPart) { try CommunityCode("110105002000") }
        #expect(throws: CommunityCodeError.missingTownshipPart) { try CommunityCode("110105000001") }
    }

    @Test("orders and encodes as the digit string")
    func orderingAndCodable() throws {
        let a = try CommunityCode("110105002001")
        let b = try CommunityCode("110105002002")
        #expect(a < b)
        let data = try JSONEncoder().encode([a])
        #expect(String(decoding: data, as: UTF8.self) == #"["110105002001"]"#)
        #expect(try JSONDecoder().decode([CommunityCode].self, from: data) == [a])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CommunityCode].self, from: Data(#"["110105002000"]"#.utf8))
        }
    }

    @Test("error descriptions are sentences")
    func descriptions() {
        #expect(CommunityCodeError.wrongLength(3).description == "A community code must have 12 digits, but 3 characters were given.")
        #expect(CommunityCodeError.invalidProvinceCode("99").description.contains("99"))
        #expect(CommunityCodeError.missingCommunityPart.description.hasSuffix("."))
    }
}
