import Foundation

/// Finds full resident ID numbers (GB 11643: 17 digits, then a digit or X, 18 characters) in
/// text: the personal data no log line may carry (DESIGN.md, "Rules that hold everywhere").
///
/// A match is 18 characters — 17 ASCII digits and a digit, X or x — with no digit right before
/// or after it, so longer numbers (nanosecond times, 19- and 20-digit ids) do not count. The
/// check character is not verified: an ID number with a typo in it is still someone's.
public enum PersonalDataScan {
    /// The full ID numbers in `text`, in order.
    public static func idNumbers(in text: String) -> [String] {
        var found: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            let digits = end - index
            if digits == 18 {
                found.append(String(decoding: bytes[index..<end], as: UTF8.self))
            } else if digits == 17, end < bytes.count, bytes[end] == UInt8(ascii: "X") || bytes[end] == UInt8(ascii: "x"),
                end + 1 == bytes.count || !isDigit(bytes[end + 1])
            {
                found.append(String(decoding: bytes[index...end], as: UTF8.self))
                end += 1
            }
            index = end
        }
        return found
    }

    /// `number` as a report may show it: the first 6 and the last 4 characters
    /// ("110105********002X").
    public static func masked(_ number: String) -> String {
        String(number.prefix(6)) + String(repeating: "*", count: max(number.count - 10, 0)) + String(number.suffix(4))
    }

    /// `line` with every ID number in it masked, cut to `limit` characters.
    public static func maskedLine(_ line: String, limit: Int = 300) -> String {
        var result = line
        for number in Set(idNumbers(in: line)) {
            result = result.replacingOccurrences(of: number, with: masked(number))
        }
        return result.count > limit ? String(result.prefix(limit)) + "…" : result
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// A full ID number a process printed, as found by `PersonalDataScan`: what the stack reports
/// when it stops.
public struct PersonalDataFinding: Sendable, Equatable, CustomStringConvertible {
    /// The executable's name ("broker", "employment").
    public let process: String
    /// "stdout" or "stderr".
    public let stream: String
    /// The number, masked ("110105********002X").
    public let maskedNumber: String
    /// The line it was in, every number in it masked.
    public let maskedLine: String

    public var description: String {
        "\(process) printed the full ID number \(maskedNumber) on \(stream): \(maskedLine)"
    }
}
