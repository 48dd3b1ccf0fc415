import Synchronization
import WireProtocol

/// The residents whose data one call read or wrote, as its handler reports them
/// (`CallContext.reportResidents`): sent back to the broker in the response's `x-residents`
/// metadata, which the broker turns into keyed hashes in its audit log and removes before the
/// reply reaches the caller; and whether the call broke the glass (`x-break-the-glass`).
/// Mutex- and atomic-protected, so Sendable.
public final class ResidentAccessReport: Sendable {
    /// At most this many residents are reported per call (a list page holds at most 500).
    public static let limit = 1000
    private let numbers = Mutex<[String]>([])
    private let brokeTheGlass = Atomic<Bool>(false)

    public init() {}

    func add(_ idNumbers: some Sequence<String>) {
        numbers.withLock { list in
            for number in idNumbers where list.count < Self.limit && !list.contains(number) { list.append(number) }
        }
    }

    func markBreakTheGlass() { brokeTheGlass.store(true, ordering: .relaxed) }

    /// Whether the call read a most sensitive record outside the caller's normal scope.
    public var isBreakTheGlass: Bool { brokeTheGlass.load(ordering: .relaxed) }

    /// What was reported, in order, each once.
    public var reported: [String] { numbers.withLock { $0 } }

    /// The reported numbers as response metadata (nothing when none were reported).
    var metadata: [String: String] {
        let list = reported
        var metadata: [String: String] = list.isEmpty ? [:] : [MetadataKey.residents: list.joined(separator: ",")]
        if isBreakTheGlass { metadata[MetadataKey.breakTheGlass] = "1" }
        return metadata
    }
}
