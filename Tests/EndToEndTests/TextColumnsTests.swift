import Testing
import WindowKit

@Suite("TextColumns: Chinese labels line up")
struct TextColumnsTests {
    @Test("a CJK character is two columns wide; columns pad to the widest cell")
    func layout() {
        #expect(TextColumns.width("待业人数") == 8 && TextColumns.width("S301") == 4 && TextColumns.width("社区/网格") == 9)
        let text = TextColumns.layout([["待业人数", "12"], ["48小时承诺", "是"], ["x", "y"]])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == ["待业人数    12", "48小时承诺  是", "x           y"])
    }
}
