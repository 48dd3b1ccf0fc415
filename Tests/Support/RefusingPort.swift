import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body` with a loopback port that refuses connections: a socket bound to port 0 (the
/// kernel picks the port) that never listens, held until `body` returns, so no other process can
/// take the port meanwhile. Connecting to it fails at once with "connection refused".
public func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ProcessError("socket() failed: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { throw ProcessError("bind() failed: errno \(errno)") }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw ProcessError("getsockname() failed: errno \(errno)") }
    return try await body(Int(UInt16(bigEndian: address.sin_port)))
}
