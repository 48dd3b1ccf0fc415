extension AuditWriter {
    /// Records in order of arrival, kept as the arrays the broker handed them over in.
    ///
    /// It exists so that handing a read cycle's records to the writer costs the event loop the
    /// same whether the cycle answered one call or fifty: the array is appended whole, under the
    /// writer's lock, and no record is copied on the loop. The writer threads read the records
    /// out in order when they prepare a batch.
    struct Queue: Sendable {
        private var chunks: [[Entry]] = []
        /// How many records the queue holds.
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        /// When the first record ended its call.
        var firstTimeMilliseconds: Int64? { chunks.first?.first?.timeMilliseconds }

        mutating func append(_ records: [Entry]) {
            guard !records.isEmpty else { return }
            chunks.append(records)
            count += records.count
        }

        /// The record at `offset` from the first (a walk over the arrays, not the records).
        func timeMilliseconds(at offset: Int) -> Int64 {
            var rest = offset
            for chunk in chunks {
                if rest < chunk.count { return chunk[rest].timeMilliseconds }
                rest -= chunk.count
            }
            preconditionFailure("AuditWriter.Queue: offset \(offset) beyond \(count) records")
        }

        /// The records at `offsets`, in order.
        func records(at offsets: Range<Int>) -> some Sequence<Entry> {
            chunks.joined().dropFirst(offsets.lowerBound).prefix(offsets.count)
        }
    }
}
