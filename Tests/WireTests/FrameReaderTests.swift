import NIOCore
import Testing
import WireProtocol

@testable import WireClient

@Suite("Framing: FrameReader")
struct FrameReaderTests {
    func framed(_ bodies: [[UInt8]]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for body in bodies {
            buffer.writeInteger(UInt32(body.count))
            buffer.writeBytes(body)
        }
        return buffer
    }

    func drain(_ reader: inout FrameReader) throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        while let body = try reader.next() { out.append(Array(body.readableBytesView)) }
        return out
    }

    @Test("coalesced frames in one read come out one by one")
    func coalesced() throws {
        var reader = FrameReader(maxFrameBytes: 1024)
        reader.append(framed([[1, 2, 3], [], [4], Array(repeating: 9, count: 300)]))
        let bodies = try drain(&reader)
        #expect(bodies == [[1, 2, 3], [], [4], Array(repeating: 9, count: 300)])
        #expect(reader.bufferedBytes == 0)
        #expect(reader.partialFrameStartedAt == nil)
    }

    @Test("a frame split at every byte boundary is reassembled")
    func splitEverywhere() throws {
        let stream = framed([[10, 20, 30, 40, 50], [60, 70]])
        let bytes = Array(stream.readableBytesView)
        for cut in 1..<bytes.count {
            var reader = FrameReader(maxFrameBytes: 1024)
            var first = ByteBuffer(), second = ByteBuffer()
            first.writeBytes(bytes[..<cut])
            second.writeBytes(bytes[cut...])
            reader.append(first)
            var bodies = try drain(&reader)
            #expect((reader.partialFrameStartedAt != nil) == (reader.bufferedBytes > 0), "cut at \(cut)")
            reader.append(second)
            bodies += try drain(&reader)
            #expect(bodies == [[10, 20, 30, 40, 50], [60, 70]], "cut at \(cut)")
        }
    }

    @Test("one byte at a time")
    func byteAtATime() throws {
        var reader = FrameReader(maxFrameBytes: 1024)
        var bodies: [[UInt8]] = []
        for byte in framed([[1, 2], [3, 4, 5]]).readableBytesView {
            var one = ByteBuffer()
            one.writeInteger(byte)
            reader.append(one)
            bodies += try drain(&reader)
        }
        #expect(bodies == [[1, 2], [3, 4, 5]])
    }

    @Test("an oversize frame is refused as soon as its length arrives, before the body")
    func oversize() throws {
        var reader = FrameReader(maxFrameBytes: 100)
        var header = ByteBuffer()
        header.writeInteger(UInt32(101))
        reader.append(header)
        #expect(throws: FrameReader.FrameTooLarge(size: 101, limit: 100)) { try reader.next() }
        var huge = ByteBuffer()
        huge.writeInteger(UInt32.max)
        var other = FrameReader(maxFrameBytes: 4 * 1024 * 1024)
        other.append(huge)
        #expect(throws: FrameReader.FrameTooLarge(size: Int(UInt32.max), limit: 4 * 1024 * 1024)) { try other.next() }
    }

    @Test("exactly the limit is accepted")
    func atLimit() throws {
        var reader = FrameReader(maxFrameBytes: 100)
        reader.append(framed([Array(repeating: 1, count: 100)]))
        #expect(try drain(&reader).first?.count == 100)
    }

    @Test("garbage never crashes: random bytes either wait, split, or hit the limit")
    func garbage() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var reader = FrameReader(maxFrameBytes: 4096)
            var buffer = ByteBuffer()
            buffer.writeBytes((0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            reader.append(buffer)
            do {
                for body in try drain(&reader) {
                    // Whatever splits out must be rejected cleanly by the frame decoder, not crash it.
                    _ = try? FrameCodec.decode(ByteBuffer(bytes: body))
                }
            } catch let error as FrameReader.FrameTooLarge {
                #expect(error.size > 4096)
            }
        }
    }
}
