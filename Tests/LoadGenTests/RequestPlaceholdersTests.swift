import Domain
import Testing

@testable import loadgen

@Suite("loadgen --data placeholders: {n} and {id}")
struct RequestPlaceholdersTests {
    @Test("{id} becomes synthetic resident n's ID number, {n} the number")
    func fill() {
        let text = RequestPlaceholders.fill(#"{"idNumber":"{id}","note":"{n}"}"#, n: 4_242)
        #expect(text == #"{"idNumber":""# + SyntheticResidents.idNumber(4_242).rawValue + #"","note":"4242"}"#)
        #expect(RequestPlaceholders.fill(#"{"seekerId":"S{n}"}"#, n: 7) == #"{"seekerId":"S7"}"#)
    }

    @Test("either placeholder asks for --vary")
    func present() {
        #expect(RequestPlaceholders.present(in: #"{"idNumber":"{id}"}"#))
        #expect(RequestPlaceholders.present(in: #"{"seekerId":"S{n}"}"#))
        #expect(!RequestPlaceholders.present(in: #"{"seekerId":"S1"}"#))
    }

    @Test("{id} needs numbers of synthetic residents")
    func range() throws {
        let inside = try #require(VaryRange(argument: "1-1000000"))
        let below = try #require(VaryRange(argument: "0-10"))
        #expect(RequestPlaceholders.problem(filling: #"{"idNumber":"{id}"}"#, from: inside) == nil)
        #expect(RequestPlaceholders.problem(filling: #"{"idNumber":"{id}"}"#, from: below) != nil)
        #expect(RequestPlaceholders.problem(filling: #"{"seekerId":"S{n}"}"#, from: below) == nil)
    }

    @Test("the pool's requests carry the drawn residents' ID numbers")
    func pool() throws {
        let target = try MethodTarget.resolve("window.GetResidentOverview")
        let vary = try #require(VaryRange(argument: "1-1000000"))
        let payloads = try RequestPool.payloads(json: #"{"idNumber":"{id}"}"#, schema: target.requestSchema, vary: vary, count: 16, seed: 1)
        #expect(payloads.count == 16)
        let known = Set((1...1_000_000).map { SyntheticResidents.idNumber($0).rawValue })
        for payload in payloads {
            // field 1, length-delimited, 18 bytes: the ID number
            #expect(payload.count == 20 && payload[0] == 0x0A && payload[1] == 18)
            #expect(known.contains(String(decoding: payload[2...], as: UTF8.self)))
        }
    }
}
