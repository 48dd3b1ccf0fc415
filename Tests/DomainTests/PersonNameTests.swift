import Domain
import Foundation
import Testing

@Suite("PersonName")
struct PersonNameTests {
    @Test("accepts and trims names", arguments: [("张三", "张三"), ("  欧阳娜娜\n", "欧阳娜娜"), ("买买提·艾力", "买买提·艾力"), ("Li Lei", "Li Lei"), ("\u{3000}王五\u{3000}", "王五")])
    func accepts(text: String, expected: String) throws {
        #expect(try PersonName(text).rawValue == expected)
    }

    @Test("rejects empty names", arguments: ["", " ", "\n\t", "\u{3000}"])
    func empty(text: String) {
        #expect(throws: PersonNameError.empty) { try PersonName(text) }
    }

    @Test("allows 50 characters, rejects 51")
    func length() throws {
        #expect(try PersonName(String(repeating: "张", count: 50)).rawValue.count == 50)
        #expect(throws: PersonNameError.tooLong(51)) { try PersonName(String(repeating: "张", count: 51)) }
    }

    @Test(
        "rejects control, separator and bidi-override characters",
        arguments: [("张\u{07}三", 2), ("张\n三", 2), ("张\t三", 2), ("\u{202E}张三", 1), ("张三\u{2028}李", 3), ("张\u{0}", 2)]
    )
    func controlCharacters(text: String, position: Int) {
        #expect(throws: PersonNameError.controlCharacter(position: position)) { try PersonName(text) }
    }

    @Test("description is masked and errors do not repeat the name")
    func masking() throws {
        let name = try PersonName("欧阳娜娜")
        #expect(name.masked == "欧阳**")
        #expect("\(name)" == "欧阳**")
        #expect(String(reflecting: name) == "PersonName(欧阳**)")
        var dumped = ""
        dump(name, to: &dumped)
        #expect(!dumped.contains("娜"))
        #expect(!PersonNameError.controlCharacter(position: 2).description.contains("张"))
        #expect(PersonNameError.tooLong(51).description == "The name has 51 characters, but at most 50 are allowed.")
    }

    @Test("Codable as the full string, validated on decode")
    func codable() throws {
        let data = try JSONEncoder().encode([try PersonName("张三")])
        #expect(try JSONDecoder().decode([PersonName].self, from: data).first?.rawValue == "张三")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PersonName].self, from: Data(#"["  "]"#.utf8)) }
    }
}
