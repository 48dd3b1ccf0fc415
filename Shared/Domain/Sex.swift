/// Sex as encoded in the 17th digit of a resident identity number (odd = male, even = female);
/// it is the only value the number can express, so no other cases exist.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case male
    case female
}
