/// Lists of tags (skills) in one column: joined by the ASCII unit separator, which validation
/// keeps out of the tags themselves.
enum Tags {
    static let separator = "\u{1F}"

    static func join(_ tags: [String]) -> String { tags.joined(separator: separator) }

    static func split(_ text: String) -> [String] {
        text.isEmpty ? [] : text.components(separatedBy: separator)
    }
}

import Foundation
