/// The synthetic residents of the scale benches: resident number `n` (1, 2, 3, …) → a valid
/// 18-character ID number, the same in every office's seeder and in `loadgen --data '…{id}…'`.
///
/// It exists so that one million residents seeded into four separate databases are the *same*
/// million people, and the resident overview (一人一档) finds each of them in every office that
/// holds them. Deterministic and independent of the date it runs on, so a database seeded one day
/// matches the load generated on another.
///
/// Layout of resident `n` (ages as of 2026), from a hash `h` of `n` so that nothing lines up with
/// the seeders' round-robin over communities and grids:
/// - age band by `h % 10`: 7 in 10 working age (18–54, born 1972-01-01 … 2007-08-03), 2 in 10
///   older (54–90, born 1936-01-01 … 1971-08-04), 1 in 10 children (0–17, born 2008-01-01 …
///   2025-10-18); the bands' birth dates do not overlap;
/// - birth day within the band `(n mod span) × 7,919 mod span` (a permutation of the band's days,
///   so neighbours get different ages) and sequence number `1 + 2 × (n / span) + s` with `s` a bit
///   of `h` (odd male, even female, about half each): `n` can be read back from the birth day and
///   the sequence, so numbers never repeat within ``residents``;
/// - division code by `h`: 6 in 10 local (330902, 定海区), the rest from eight counties elsewhere.
public enum SyntheticResidents {
    /// The resident numbers the generator serves; every one gets a distinct ID number (the
    /// children's band has 6,500 birth days × 499 sequence pairs ≥ 3,000,000).
    public static let residents: ClosedRange<Int> = 1...3_000_000

    /// Which part of life a synthetic resident is in, so an office can hold only those it serves.
    public enum AgeBand: Sendable, Equatable {
        /// 0–17: health records and households, never job seekers.
        case child
        /// 18–54 in 2026: below the retirement age of women (55) and men (60).
        case workingAge
        /// 54–90.
        case older
    }

    /// The band of resident `n`.
    public static func ageBand(of n: Int) -> AgeBand {
        switch hash(n) % 10 {
        case 0: .child
        case 8, 9: .older
        default: .workingAge
        }
    }

    /// The first resident after `n` in `band`: employment's job seekers are the working-age
    /// residents in order (7 in 10 of the residents).
    public static func nextResident(after n: Int, in band: AgeBand) -> Int {
        var next = n + 1
        while ageBand(of: next) != band { next += 1 }
        return next
    }

    /// The ID number of resident `n`.
    ///
    /// - Precondition: `n` is in ``residents`` (a programming error otherwise).
    public static func idNumber(_ n: Int) -> ResidentIdentityNumber {
        let first17 = first17Digits(n)
        do {
            return try ResidentIdentityNumber(first17 + String(ResidentIdentityNumber.checkCharacter(for: first17)), today: .distantFuture)
        } catch {
            preconditionFailure("synthetic resident \(n) has an invalid ID number: \(error)")
        }
    }

    /// The division code, birth date and sequence of resident `n`, without the check character.
    static func first17Digits(_ n: Int) -> String {
        precondition(residents.contains(n), "synthetic residents are numbered \(residents)")
        let h = hash(n)
        let band: Band =
            switch ageBand(of: n) {
            case .child: child
            case .workingAge: working
            case .older: older
            }
        let day = (n % band.span) * 7_919 % band.span
        let sequence = 1 + 2 * (n / band.span) + Int((h / 100) % 2)
        let birth = band.firstBirthDate.adding(days: day)
        let division = (h / 10) % 10 < 6 ? localDivision : otherDivisions[Int((h / 1_000) % UInt64(otherDivisions.count))]
        return division + pad(birth.year, 4) + pad(birth.month, 2) + pad(birth.day, 2) + pad(sequence, 3)
    }

    /// Where a band's birth dates start and how many days they cover.
    private struct Band {
        let firstBirthDate: LocalDate
        let span: Int
    }

    private static let child = Band(firstBirthDate: try! LocalDate(year: 2008, month: 1, day: 1), span: 6_500)
    private static let working = Band(firstBirthDate: try! LocalDate(year: 1972, month: 1, day: 1), span: 13_000)
    private static let older = Band(firstBirthDate: try! LocalDate(year: 1936, month: 1, day: 1), span: 13_000)

    /// 定海区, the county of the demo communities.
    private static let localDivision = "330902"
    /// Counties in Sichuan, Hubei, Anhui, Jiangxi, Hunan, Henan, Guizhou and Wenzhou.
    private static let otherDivisions = ["510104", "420106", "340102", "360102", "430102", "411302", "522601", "330302"]

    /// SplitMix64's finaliser: well spread, the same on every platform and run.
    private static func hash(_ n: Int) -> UInt64 {
        var z = UInt64(n) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
