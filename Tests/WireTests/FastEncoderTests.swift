import Testing
@testable import Wire

/// `echo.EchoRequest` as a Swift type, for nesting in the Kitchen fixture.
private struct Inner: ProtoMessage, Equatable {
    static let protoName = "echo.EchoRequest"
    var text = ""
    var blob: [UInt8] = []
}

/// `echo.Kitchen` as a Swift type: every field shape the codec supports.
private struct Kitchen: ProtoMessage, Equatable {
    static let protoName = "echo.Kitchen"
    var fDouble = 1.5
    var fFloat: Float = -2.25
    var fInt32: Int32 = -7
    var fInt64: Int64 = -9_000_000_000_000
    var fUint32: UInt32 = 4_000_000_000
    var fUint64 = UInt64.max
    var fSint32: Int32 = -1
    var fSint64: Int64 = Int64.min
    var fFixed32: UInt32 = 5
    var fFixed64: UInt64 = 6
    var fSfixed32: Int32 = -8
    var fSfixed64: Int64 = -9
    var fBool = true
    var fString = "社区 ✓"
    var fBytes: [UInt8] = [0, 1, 255]
    var fEnum = StatusCode.notFound
    var fMessage: Inner? = Inner(text: "inner", blob: [9])
    var rInt32: [Int32] = [1, -2, 3]
    var rString = ["a", "", "c"]
    var rMessage = [Inner(text: "x"), Inner()]
    var mCounts: [String: Int64] = ["k": 7, "z": 0]
    var mMessages: [String: Inner] = ["m": Inner(text: "v")]
    var cText: String? = nil
    var cNumber: UInt64? = 42
    var rEnum: [StatusCode] = [.ok, .unavailable]
    var rBytes: [[UInt8]] = [[1], []]
}

@Suite("Codec: the direct Codable encoder")
struct FastEncoderTests {
    @Test("the direct encoder and the general node path produce the same message", arguments: [Kitchen(), Kitchen(fInt32: 0, fString: "", fMessage: nil, rString: [], cText: "chosen", cNumber: nil)])
    fileprivate func agree(value: Kitchen) throws {
        let fast = try value.dynamicMessage()
        let general = try ProtoNodeMapping.message(from: try ProtoNodeEncoder().encode(value), schema: Kitchen.schema)
        #expect(fast == general)
        // and it round-trips back to the same Swift value through protobuf-c
        #expect(try Kitchen(serializedBytes: value.serializedBytes()) == value)
    }

    @Test("out-of-range and NUL values are refused by the direct path too")
    func refusals() {
        struct Wide: ProtoMessage {
            static let protoName = "echo.FailRequest"
            var code = StatusCode.ok
            var message = "a\u{0}b"
        }
        #expect(throws: ProtoCodecError.self) { try Wide().serializedBytes() }
    }
}
