extension LocalDate {
    /// A date read back from storage, where it was written as `YYYY-MM-DD`: parsed on UTF-8
    /// bytes without building Characters (list pages read many), still refusing anything that is
    /// not a real date. Other text takes the precise path of `init(iso:)`.
    public init(storedISO text: String) throws(LocalDateError) {
        let parsed: (year: Int, month: Int, day: Int)? =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
                func number(_ range: Range<Int>) -> Int? {
                    var value = 0
                    for index in range {
                        guard bytes[index] >= 48 && bytes[index] <= 57 else { return nil }
                        value = value * 10 + Int(bytes[index] - 48)
                    }
                    return value
                }
                guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
                return (year, month, day)
            } ?? nil
        guard let parsed else {
            try self.init(iso: text)
            return
        }
        try self.init(year: parsed.year, month: parsed.month, day: parsed.day)
    }
}
