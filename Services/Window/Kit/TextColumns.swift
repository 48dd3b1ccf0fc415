/// Plain-text columns that line up when some cells are Chinese: a CJK character takes two
/// terminal columns, so padding is counted in display width, not in characters.
///
/// It exists for the clerk's commands (`window resident`, `dashboard`, `city`), whose labels are
/// Chinese and whose values mix digits, codes and Chinese text.
public enum TextColumns {
    /// Terminal columns `text` takes: 2 for East Asian wide and full-width characters, 1 otherwise.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : ($1.properties.generalCategory == .nonspacingMark ? 0 : 1)) }
    }

    /// `text` padded with spaces to `width` display columns (never cut).
    public static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - Self.width(text)))
    }

    /// Rows laid out in columns two spaces apart, each column as wide as its widest cell.
    public static func layout(_ rows: [[String]], indent: String = "") -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? width($0[column]) : 0 }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in column == row.count - 1 ? cell : pad(cell, to: widths[column]) }
            return indent + cells.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default: false
        }
    }
}
