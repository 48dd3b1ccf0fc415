/// Display masks for personal data (names, identity numbers, phone numbers), so screens,
/// receipts and logs show enough to recognise a person without exposing the full value.
///
/// All functions work on characters (grapheme clusters), never bytes, so Chinese text and
/// emoji are masked whole.
public enum Masking {
    /// Two-character surnames (复姓) that are kept whole when masking a name.
    public static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "西门", "独孤", "南宫",
    ]

    /// Keeps the family name and replaces every other character with `*`:
    /// `"张三"` → `"张*"`, `"欧阳娜娜"` → `"欧阳**"`.
    ///
    /// The family name is the first character, or the first two when they are one of
    /// `compoundSurnames` and something follows them. A one-character name (or a bare compound
    /// surname) would otherwise be shown in full, so it is masked with `*` per character instead.
    /// Surrounding whitespace is not trimmed; names should be validated with `PersonName` first.
    public static func maskName(_ name: String) -> String {
        // Names of Han characters without combining marks (the usual case) are one scalar per
        // character: work on scalars, which is much cheaper than building Characters.
        let scalars = name.unicodeScalars
        if scalars.allSatisfy({ $0.properties.isIdeographic }) {
            let count = scalars.count
            var kept = count > 1 ? 1 : 0
            if count > 2 {
                var firstTwo = String.UnicodeScalarView()
                firstTwo.append(contentsOf: scalars.prefix(2))
                if compoundSurnames.contains(String(firstTwo)) { kept = 2 }
            }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars.prefix(kept))
            return String(out) + String(repeating: "*", count: count - kept)
        }
        let chars = Array(name)
        let kept: Int
        if chars.count > 2, compoundSurnames.contains(String(chars[0..<2])) {
            kept = 2
        } else if chars.count > 1 {
            kept = 1
        } else {
            kept = 0
        }
        return String(chars[0..<kept]) + String(repeating: "*", count: chars.count - kept)
    }

    /// `"11010519491231002X"` → `"110105********002X"`: the division code and the last four
    /// characters stay, the birth date is hidden.
    ///
    /// Text that is not 18 characters long cannot be relied on to have that layout, so it
    /// reveals at most its first two characters followed by 16 `*`; text shorter than 6
    /// characters is masked completely. The output is 18 characters either way, so the mask
    /// does not even reveal the input's length.
    public static func maskIDNumber(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.count == 18 && utf8.allSatisfy({ $0 < 0x80 }) {
            // The common case on bytes: no Characters built (it runs once per row of a list).
            var out = Array(utf8.prefix(6))
            out.append(contentsOf: repeatElement(UInt8(ascii: "*"), count: 8))
            out.append(contentsOf: utf8.suffix(4))
            return String(decoding: out, as: UTF8.self)
        }
        let chars = Array(text)
        if chars.count == 18 {
            return String(chars[0..<6]) + String(repeating: "*", count: 8) + String(chars[14..<18])
        }
        let shown = chars.count >= 6 ? 2 : 0
        return String(chars[0..<shown]) + String(repeating: "*", count: 18 - shown)
    }

    /// `"13812345678"` → `"138****5678"` (carrier prefix and last four digits kept, the usual
    /// form on Chinese receipts).
    ///
    /// Any other length (landlines, numbers with `+86` or separators) is not a known layout, so
    /// only the last two characters are shown after `****`, or just `****` below 6 characters.
    public static func maskPhone(_ phone: String) -> String {
        let utf8 = phone.utf8
        if utf8.count == 11 && utf8.allSatisfy({ $0 < 0x80 }) {
            var out = Array(utf8.prefix(3))
            out.append(contentsOf: "****".utf8)
            out.append(contentsOf: utf8.suffix(4))
            return String(decoding: out, as: UTF8.self)
        }
        let chars = Array(phone)
        if chars.count == 11 {
            return String(chars[0..<3]) + "****" + String(chars[7..<11])
        }
        return "****" + (chars.count >= 6 ? String(chars.suffix(2)) : "")
    }
}
