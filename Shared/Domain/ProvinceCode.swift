/// The first two digits of GB/T 2260 division codes, shared by identity numbers and
/// community codes. Only the province level is checked because the full county table
/// changes every year and is not shipped with this module.
enum ProvinceCode {
    static let valid: Set<Int> = Set(
        [11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71...71, 81...82].flatMap { $0 }
    )

    /// Whether the first two digit values form a known province code.
    static func isValid(_ digits: [UInt8]) -> Bool {
        valid.contains(Int(digits[0]) * 10 + Int(digits[1]))
    }
}
