/// Lists of tags (skills) in one column: joined by the ASCII unit separator, which validation
/// keeps out of the tags themselves.
enum Tags {
    static let separator = "\u{1F}"

    static func join(_ tags: [String]) -> String { tags.joined(separator: separator) }

    static func split(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // Split on the separator byte (never part of a multi-byte UTF-8 sequence).
        return text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}

import EmploymentContract
import Foundation
