import Domain
import Testing

@Suite("Masking")
struct MaskingTests {
    @Test(
        "names keep the family name, compound surnames whole",
        arguments: [
            ("张三", "张*"), ("王小明", "王**"), ("欧阳娜娜", "欧阳**"), ("诸葛亮", "诸葛*"), ("司马相如", "司马**"),
            ("南宫问天", "南宫**"), ("欧阳", "欧*"), ("张", "*"), ("", ""), ("买买提·艾力", "买*****"),
            ("Li Lei", "L*****"),
        ]
    )
    func maskName(name: String, expected: String) {
        #expect(Masking.maskName(name) == expected)
    }

    @Test("every listed compound surname is kept whole")
    func compoundSurnames() {
        #expect(Masking.compoundSurnames.count == 19)
        for surname in Masking.compoundSurnames {
            #expect(Masking.maskName(surname + "某") == surname + "*")
        }
    }

    @Test(
        "identity numbers show the division code and last four; other lengths reveal at most two characters",
        arguments: [
            ("11010519491231002X", "110105********002X"),
            ("1101051949123100", "11****************"),
            ("11010519491231002X0", "11****************"),
            ("123456", "12****************"),
            ("12345", "******************"),
            ("", "******************"),
        ]
    )
    func maskIDNumber(text: String, expected: String) {
        #expect(Masking.maskIDNumber(text) == expected)
        #expect(Masking.maskIDNumber(text).count == 18)
    }

    @Test(
        "phone numbers show the carrier prefix and last four; other lengths only the last two",
        arguments: [
            ("13812345678", "138****5678"), ("010-12345678", "****78"), ("+8613812345678", "****78"),
            ("12345", "****"), ("", "****"),
        ]
    )
    func maskPhone(text: String, expected: String) {
        #expect(Masking.maskPhone(text) == expected)
    }
}
