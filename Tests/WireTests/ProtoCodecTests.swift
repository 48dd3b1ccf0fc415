import EchoContract
import Foundation
import ProtoReflection
import Testing
import WindowContract
import WireProtocol

@testable import WireClient

@Suite("Codec: every message of proto/ through protobuf-c")
struct ProtoCodecTests {
    static let allNames = ProtoRegistry.shared.allMessages.map(\.fullName)

    @Test("the registry knows every message, enum and service of proto/")
    func registry() {
        #expect(Self.allNames.contains("wire.Frame"))
        #expect(Self.allNames.contains("echo.Kitchen"))
        #expect(ProtoRegistry.shared.enumeration(named: "wire.StatusCode")?.values.count == 17)
        #expect(ProtoRegistry.shared.services["echo.Echo"]?.methods.map(\.name).contains("Echo") == true)
        #expect(Self.allNames.contains("echo.WhoAmIResponse") && Self.allNames.contains("window.ServiceInfo"))
    }

    @Test("every message round-trips through protobuf-c with every field set", arguments: allNames)
    func roundTrip(name: String) throws {
        let schema = try #require(ProtoRegistry.shared.message(named: name))
        let message = MessageFixtures.filled(schema)
        let bytes = try ProtoCBridge.encode(message)
        let decoded = try ProtoCBridge.decode(bytes, as: schema)
        #expect(decoded == message)
        // and an empty message too
        let empty = DynamicMessage(schema: schema)
        #expect(try ProtoCBridge.decode(try ProtoCBridge.encode(empty), as: schema) == empty)
    }

    @Test("every message round-trips through JSON", arguments: allNames)
    func jsonRoundTrip(name: String) throws {
        let schema = try #require(ProtoRegistry.shared.message(named: name))
        let message = MessageFixtures.filled(schema)
        let json = ProtoJSON.json(from: message)
        let parsed = try ProtoJSON.message(fromJSON: json, schema: schema)
        // JSON goes through Double for floats: compare the re-encoded bytes' decoded values instead
        #expect(ProtoJSON.json(from: parsed) == json)
    }

    @Test("no message contains itself, directly or through others")
    func noRecursion() throws {
        func visit(_ schema: MessageSchema, path: [String]) throws {
            for field in schema.fields where field.type == .message {
                let sub = try #require(field.messageSchema)
                #expect(!path.contains(sub.fullName), "\(path.joined(separator: " → ")) → \(sub.fullName) is recursive")
                if !path.contains(sub.fullName) { try visit(sub, path: path + [sub.fullName]) }
            }
        }
        for schema in ProtoRegistry.shared.allMessages {
            try visit(schema, path: [schema.fullName])
        }
    }

    @Test("bytes written by protobuf-c for Echo.Kitchen decode the same as a hand-checked encoding")
    func knownEncoding() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.EchoRequest"))
        var message = DynamicMessage(schema: schema)
        message["text"] = .string("hi")
        message["blob"] = .bytes([1, 2])
        #expect(try ProtoCBridge.encode(message) == [0x0A, 0x02, 0x68, 0x69, 0x12, 0x02, 0x01, 0x02])
    }

    @Test("strings that are not UTF-8 are refused with the field's name")
    func invalidUTF8() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.EchoRequest"))
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80]] {
            let bytes: [UInt8] = [0x0A, UInt8(bad.count)] + bad
            #expect(throws: ProtoCodecError.self) { try ProtoCBridge.decode(bytes, as: schema) }
            do {
                _ = try ProtoCBridge.decode(bytes, as: schema)
            } catch {
                #expect(error.kind == .invalidString)
                #expect(error.field == "text")
            }
        }
        // bytes fields may hold anything
        #expect(try ProtoCBridge.decode([0x12, 0x01, 0xFF], as: schema)["blob"] == .bytes([0xFF]))
        // valid multi-byte UTF-8 passes
        let chinese = Array("社区".utf8)
        #expect(try ProtoCBridge.decode([0x0A, UInt8(chinese.count)] + chinese, as: schema)["text"] == .string("社区"))
    }

    @Test("strings with NUL bytes are refused (protobuf-c would silently truncate them)")
    func nulInString() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.EchoRequest"))
        #expect(throws: ProtoCodecError.self) { try ProtoCBridge.decode([0x0A, 0x03, 0x61, 0x00, 0x62], as: schema) }
        var message = DynamicMessage(schema: schema)
        message["text"] = .string("a\u{0}b")
        #expect(throws: ProtoCodecError.self) { try ProtoCBridge.encode(message) }
        // nested: a Wire.Frame's metadata entry value
        let frame = try #require(ProtoRegistry.shared.message(named: "wire.Frame"))
        let entry: [UInt8] = [0x0A, 0x01, 0x6B, 0x12, 0x01, 0x00]
        #expect(throws: ProtoCodecError.self) { try ProtoCBridge.decode([0x32, UInt8(entry.count)] + entry, as: frame) }
    }

    @Test("long strings are checked at every position: a NUL or a bad byte anywhere in 40 bytes is refused, UTF-8 after ASCII passes")
    func longStrings() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.EchoRequest"))
        func decode(_ text: [UInt8]) throws -> ProtoValue? { try ProtoCBridge.decode([0x0A, UInt8(text.count)] + text, as: schema)["text"] }
        let ascii = Array("Bearer cst_RkOPF5LZ7lcbHvw3QgPL_2BrConRM9".utf8)
        #expect(try decode(ascii) == .string(String(decoding: ascii, as: UTF8.self)))
        for position in ascii.indices {
            for bad: UInt8 in [0x00, 0xFF, 0x80, 0xC0] {
                var text = ascii
                text[position] = bad
                #expect(throws: ProtoCodecError.self, "\(bad) at \(position)") { try decode(text) }
            }
            var text = ascii
            text.insert(contentsOf: Array("社".utf8), at: position)
            #expect(try decode(text) == .string(String(decoding: text, as: UTF8.self)), "社 at \(position)")
        }
    }

    @Test("truncated and malformed input is refused, never crashes")
    func malformed() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.Kitchen"))
        let good = try ProtoCBridge.encode(MessageFixtures.filled(schema))
        for cut in 1..<good.count {
            _ = try? ProtoCBridge.decode(Array(good[..<cut]), as: schema)
        }
        #expect(throws: ProtoCodecError.self) { try ProtoCBridge.decode([0x0A, 0x05, 0x61], as: schema) }  // length past end
        #expect(throws: ProtoCodecError.self) { try ProtoCBridge.decode([0x0B], as: schema) }  // group start
        #expect(throws: ProtoCodecError.self) { try ProtoCBridge.decode([0x00, 0x01], as: schema) }  // field 0
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 1...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? ProtoCBridge.decode(bytes, as: schema)
        }
    }

    @Test("the decoder's memory is bounded: many empty sub-messages exceed the budget")
    func boundedAllocation() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.Kitchen"))
        // field 20 (repeated Echo.EchoRequest), each entry empty: 2 wire bytes, a whole struct in memory
        let bytes = [UInt8]((0..<50_000).flatMap { _ in [0xA2, 0x01, 0x00] as [UInt8] })
        let raw = bytes
        #expect(throws: ProtoCodecError.self) {
            try raw.withUnsafeBytes { try ProtoCBridge.decode($0, as: schema, allocationLimit: 64 * 1024) }
        }
        do {
            _ = try raw.withUnsafeBytes { try ProtoCBridge.decode($0, as: schema, allocationLimit: 64 * 1024) }
        } catch let error as ProtoCodecError {
            #expect(error.kind == .tooLarge)
        }
        // with the default budget (64× the wire size) the same input decodes
        #expect(try ProtoCBridge.decode(bytes, as: schema)["r_message"] != nil)
    }

    @Test("out-of-range values are refused when encoding")
    func ranges() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.Kitchen"))
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: #"{"fInt32": 3000000000}"#, schema: schema) }
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: #"{"fUint32": -1}"#, schema: schema) }
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: #"{"noSuchField": 1}"#, schema: schema) }
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: #"{"fEnum": "NOT_A_CODE"}"#, schema: schema) }
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: #"{"fBool": 1}"#, schema: schema) }
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: "not json", schema: schema) }
    }

    @Test("JSON integers keep every digit: no rounding through Double")
    func jsonIntegerPrecision() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.Kitchen"))
        let message = try ProtoJSON.message(
            fromJSON: #"{"fInt64": 9007199254740993, "fUint64": 18446744073709551615, "fDouble": 1.5, "fBool": false, "fInt32": 1}"#, schema: schema)
        #expect(message["f_int64"] == .int(9_007_199_254_740_993))
        #expect(message["f_uint64"] == .uint(UInt64.max))
        #expect(message["f_double"] == .double(1.5))
        #expect(message["f_int32"] == .int(1))
        #expect(message["f_bool"] == nil)  // false is the default: absent
        #expect(throws: ProtoCodecError.self) { try ProtoJSON.message(fromJSON: #"{"fInt32": true}"#, schema: schema) }
    }

    @Test("JSON follows the proto3 mapping: names, 64-bit as strings, bytes base64, enums by name")
    func jsonMapping() throws {
        let schema = try #require(ProtoRegistry.shared.message(named: "echo.Kitchen"))
        let message = try ProtoJSON.message(
            fromJSON: #"""
                {"f_int64": "-5", "fUint64": 18446744073709551615, "fBytes": "AAE=", "fEnum": "NOT_FOUND",
                 "fBool": true, "rString": ["a", "b"], "mCounts": {"x": "7"}, "cText": "chosen", "fMessage": {"text": "内"}}
                """#, schema: schema)
        #expect(message["f_int64"] == .int(-5))
        #expect(message["f_uint64"] == .uint(UInt64.max))
        #expect(message["f_bytes"] == .bytes([0, 1]))
        #expect(message["f_enum"] == .enumeration(5))
        #expect(message["f_bool"] == .bool(true))
        let json = ProtoJSON.json(from: message, pretty: false)
        #expect(json.contains(#""fInt64":"-5""#))
        #expect(json.contains(#""fEnum":"NOT_FOUND""#))
        #expect(json.contains(#""fBytes":"AAE=""#))
        #expect(json.contains(#""mCounts":{"x":"7"}"#))
        #expect(json.contains(#""cText":"chosen""#))
        #expect(!json.contains("fDouble"))  // defaults are omitted
    }
}

@Suite("Codec: Codable Swift types")
struct CodableBridgeTests {
    @Test("Wire.Status with violations round-trips through protobuf-c")
    func status() throws {
        let status = Wire.Status(
            code: .invalidArgument, message: "bad", violations: [Wire.FieldViolation(field: "id_number", description: "wrong check character")])
        #expect(try Wire.Status(serializedBytes: status.serializedBytes()) == status)
    }

    @Test("registration messages round-trip")
    func registration() throws {
        let request = Wire.RegisterRequest(
            service: "employment", instanceId: "employment-1",
            methods: [Wire.MethodDescriptor(name: "Get", requestType: "a.B", responseType: "a.C")],
            maxConcurrentCalls: 8, heartbeatIntervalMs: 500)
        #expect(try Wire.RegisterRequest(serializedBytes: request.serializedBytes()) == request)
    }

    @Test("absent fields decode as defaults; unknown numbers of an enum read as UNKNOWN")
    func defaults() throws {
        let decoded = try Wire.Status(serializedBytes: [0x08, 0x63])  // code = 99
        #expect(decoded.code == .unknown)
        #expect(decoded.message.isEmpty)
        #expect(try Window.HealthResponse(serializedBytes: []).status.isEmpty)
    }
}
