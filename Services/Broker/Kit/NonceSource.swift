#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unguessable 64-bit nonces for call handles, from the system's CSPRNG in blocks of 512 (one
/// system call per 512 forwarded calls instead of one per call). Owned by `BrokerState`, on the
/// event loop.
struct NonceSource {
    private var block = [UInt64](repeating: 0, count: 512)
    private var next = 512
    private var system = SystemRandomNumberGenerator()

    mutating func nonce() -> UInt64 {
        if next == block.count {
            refill()
            next = 0
        }
        defer { next += 1 }
        return block[next] | 1  // never 0: a handle's nonce 0 would read as "none"
    }

    /// /dev/urandom, opened once (the kernel's CSPRNG, as getrandom(2) reads it).
    private static let urandom: Int32 = open("/dev/urandom", O_RDONLY | O_CLOEXEC)

    private mutating func refill() {
        let wanted = block.count * MemoryLayout<UInt64>.size
        let filled = Self.urandom < 0 ? -1 : block.withUnsafeMutableBytes { raw in read(Self.urandom, raw.baseAddress, raw.count) }
        if filled == wanted { return }
        for index in block.indices { block[index] = system.next() }
    }
}
