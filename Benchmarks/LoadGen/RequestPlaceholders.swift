import Domain

/// What `--vary` fills in the `--data` text of every template: `{n}` the number drawn, `{id}` the
/// ID number of synthetic resident n — the resident the offices' scale benches seeded under that
/// number (``SyntheticResidents``), so a call such as `window.GetResidentOverview` asks about
/// residents the offices hold.
enum RequestPlaceholders {
    /// Replaced by the number drawn.
    static let number = "{n}"
    /// Replaced by synthetic resident n's 18-character ID number.
    static let residentID = "{id}"

    /// Whether `text` holds a placeholder for `--vary` to fill.
    static func present(in text: String) -> Bool {
        text.contains(number) || text.contains(residentID)
    }

    /// Why `vary` cannot fill `text`, or nil when it can: `{id}` needs numbers of synthetic residents.
    static func problem(filling text: String, from vary: VaryRange) -> String? {
        let residents = SyntheticResidents.residents
        guard text.contains(residentID), vary.low < residents.lowerBound || vary.high > residents.upperBound else { return nil }
        return "\(residentID) in --data needs --vary within \(residents.lowerBound)-\(residents.upperBound) (the synthetic residents)"
    }

    /// `text` with every `{n}` replaced by `n` and every `{id}` by resident n's ID number.
    ///
    /// - Precondition: with `{id}` in `text`, `n` is a synthetic resident (``problem(filling:from:)`` checks the range).
    static func fill(_ text: String, n: Int64) -> String {
        var filled = text.replacingOccurrences(of: number, with: String(n))
        if filled.contains(residentID) {
            filled = filled.replacingOccurrences(of: residentID, with: SyntheticResidents.idNumber(Int(n)).rawValue)
        }
        return filled
    }
}
