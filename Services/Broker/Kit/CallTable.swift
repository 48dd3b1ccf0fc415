import NIOCore

/// The calls the broker has in flight, in a slab indexed by the id the broker gives each call on
/// the instance side, with an indexed min-heap of deadlines so the one timer always knows the
/// earliest deadline and finished calls leave no garbage behind.
///
/// Ids are `generation << 32 | (slot + 1)`: a slot reused for a new call gets a new generation,
/// so a late response or cancel for an old call never touches the new one.
struct CallTable {
    struct Call {
        var client: BrokerConnection
        var clientCallID: UInt64
        /// Nil while the call waits in its service's queue.
        var instance: BrokerConnection?
        var service: ServiceEntry
        var method: String
        var receivedAt: NIODeadline
        var deadline: NIODeadline
        /// The frame body to forward, kept while the call is queued.
        var queuedBody: ForwardedBody?
        /// Who called, as authenticated: its metadata is appended to the forwarded frame.
        var caller: Caller
        /// The secret half of the call's handle (`x-call-handle`: broker call id and this nonce).
        var nonce: UInt64 = 0
        /// `purpose` and `request-id` of the request, for the audit log (empty without one).
        var purpose: String
        var requestID: String
    }

    private struct Slot {
        var call: Call?
        var generation: UInt32 = 0
        var heapIndex = -1
    }

    private var slots: [Slot] = []
    private var free: [Int] = []
    /// Slot indices ordered by their call's deadline.
    private var heap: [Int] = []

    var count: Int { heap.count }

    private static func slotIndex(_ id: UInt64) -> Int { Int(id & 0xFFFF_FFFF) - 1 }
    private static func generation(_ id: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: id >> 32) }

    /// Stores a call and returns its broker call id.
    mutating func insert(_ call: Call) -> UInt64 {
        let index: Int
        if let reused = free.popLast() {
            index = reused
        } else {
            index = slots.count
            slots.append(Slot())
        }
        slots[index].generation &+= 1
        slots[index].call = call
        heap.append(index)
        slots[index].heapIndex = heap.count - 1
        siftUp(heap.count - 1)
        return UInt64(slots[index].generation) << 32 | UInt64(index + 1)
    }

    /// The instance a call was sent to (nil while queued, or when the id is unknown or stale),
    /// without copying the call.
    func instance(of id: UInt64) -> BrokerConnection? {
        slot(id).flatMap { slots[$0].call?.instance }
    }

    func call(_ id: UInt64) -> Call? {
        slot(id).flatMap { slots[$0].call }
    }

    /// The slot `id` names, if it is in range and of the current generation (a stale id of a
    /// reused slot names nothing).
    private func slot(_ id: UInt64) -> Int? {
        let index = Self.slotIndex(id)
        guard index >= 0, index < slots.count, slots[index].generation == Self.generation(id) else { return nil }
        return index
    }

    /// Updates a stored call (e.g. when a queued call is sent to an instance).
    mutating func update(_ id: UInt64, _ body: (inout Call) -> Void) {
        guard let index = slot(id), slots[index].call != nil else { return }
        body(&slots[index].call!)
    }

    /// Removes and returns a call, or nil when the id is unknown or stale.
    mutating func remove(_ id: UInt64) -> Call? {
        guard let index = slot(id), let call = slots[index].call.take() else { return nil }
        removeFromHeap(at: slots[index].heapIndex)
        slots[index].heapIndex = -1
        free.append(index)
        return call
    }

    /// The earliest deadline of any call.
    var earliestDeadline: NIODeadline? {
        heap.first.map { slots[$0].call!.deadline }
    }

    /// The id of the call with the earliest deadline, if that deadline is at or before `now`.
    func expired(at now: NIODeadline) -> UInt64? {
        guard let index = heap.first, slots[index].call!.deadline <= now else { return nil }
        return UInt64(slots[index].generation) << 32 | UInt64(index + 1)
    }

    /// Ids of every call (for shutdown).
    var allIDs: [UInt64] {
        heap.map { UInt64(slots[$0].generation) << 32 | UInt64($0 + 1) }
    }

    // MARK: Heap

    private func less(_ a: Int, _ b: Int) -> Bool {
        slots[heap[a]].call!.deadline < slots[heap[b]].call!.deadline
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        slots[heap[a]].heapIndex = a
        slots[heap[b]].heapIndex = b
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && less(left, smallest) { smallest = left }
            if right < heap.count && less(right, smallest) { smallest = right }
            if smallest == parent { return }
            swapAt(parent, smallest)
            parent = smallest
        }
    }

    private mutating func removeFromHeap(at position: Int) {
        let last = heap.count - 1
        if position != last {
            swapAt(position, last)
        }
        heap.removeLast()
        if position < heap.count {
            siftDown(position)
            siftUp(position)
        }
    }
}
