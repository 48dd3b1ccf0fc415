import Domain
import Foundation
import Testing

@Suite("GridCode")
struct GridCodeTests {
    @Test("parses the 15-digit form")
    func parses() throws {
        let grid = try GridCode("110105002001003")
        #expect(grid.community == (try CommunityCode("110105002001")))
        #expect(grid.number == 3)
        #expect(grid.rawValue == "110105002001003")
        #expect(grid.description == "110105002001003")
    }

    @Test("builds from a community and a number, zero padded", arguments: [(1, "001"), (42, "042"), (999, "999")])
    func buildsFromParts(number: Int, suffix: String) throws {
        let community = try CommunityCode("440305005003")
        let grid = try GridCode(community: community, number: number)
        #expect(grid.rawValue == "440305005003" + suffix)
        #expect(try GridCode(grid.rawValue) == grid)
    }

    @Test("rejects grid numbers outside 1...999")
    func numberOutOfRange() throws {
        let community = try CommunityCode("440305005003")
        #expect(throws: GridCodeError.numberOutOfRange(0)) { try GridCode(community: community, number: 0) }
        #expect(throws: GridCodeError.numberOutOfRange(1000)) { try GridCode(community: community, number: 1000) }
        #expect(throws: GridCodeError.numberOutOfRange(0)) { try GridCode("440305005003000") }
    }

    @Test("rejects malformed text")
    func malformed() {
        #expect(throws: GridCodeError.wrongLength(12)) { try GridCode("110105002001") }
        #expect(throws: GridCodeError.wrongLength(16)) { try GridCode("1101050020010031") }
        #expect(throws: GridCodeError.nonDigit(position: 15)) { try GridCode("11010500200100x") }
        #expect(throws: GridCodeError.invalidCommunity(.missingCommunityPart)) { try GridCode("110105002000003") }
        #expect(throws: GridCodeError.invalidCommunity(.invalidProvinceCode("99"))) { try GridCode("990105002001003") }
    }

    @Test("orders by community then number, and encodes as the 15-digit string")
    func orderingAndCodable() throws {
        let a = try GridCode("110105002001009")
        let b = try GridCode("110105002001010")
        let c = try GridCode("110105002002001")
        #expect(a < b && b < c)
        let data = try JSONEncoder().encode([a])
        #expect(String(decoding: data, as: UTF8.self) == #"["110105002001009"]"#)
        #expect(try JSONDecoder().decode([GridCode].self, from: data) == [a])
    }

    @Test("nested community errors are explained")
    func descriptions() {
        let text = GridCodeError.invalidCommunity(.missingCommunityPart).description
        #expect(text.hasPrefix("The first 12 digits of the grid code are not a valid community code:"))
        #expect(GridCodeError.numberOutOfRange(0).description == "The grid number 0 is outside 001 to 999.")
    }
}
