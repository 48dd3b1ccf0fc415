import Testing

@testable import BrokerKit

/// The writer's queue keeps the arrays the broker hands over whole; the writer threads must read
/// the records back in order across them, whatever their sizes.
@Suite("Broker: the audit writer's queue of handed-over arrays")
struct AuditWriterQueueTests {
    func entries(_ times: Range<Int64>) -> [AuditWriter.Entry] {
        times.map { AuditWriter.Entry(AuditStoreTests.record(Int($0)), residents: "") }.enumerated().map { index, entry in
            var entry = entry
            entry.timeMilliseconds = times.lowerBound + Int64(index)
            return entry
        }
    }

    @Test("records come back in order for any range, across arrays of 1, 0, 5 and 3 records")
    func ranges() {
        var queue = AuditWriter.Queue()
        #expect(queue.isEmpty && queue.firstTimeMilliseconds == nil)
        for chunk in [entries(0..<1), [], entries(1..<6), entries(6..<9)] { queue.append(chunk) }
        #expect(queue.count == 9 && !queue.isEmpty && queue.firstTimeMilliseconds == 0)
        for lower in 0...9 {
            for upper in lower...9 {
                #expect(queue.records(at: lower..<upper).map(\.timeMilliseconds) == Array(Int64(lower)..<Int64(upper)), "\(lower)..<\(upper)")
            }
        }
        #expect((0..<9).map { queue.timeMilliseconds(at: $0) } == Array(0..<9))
    }
}
