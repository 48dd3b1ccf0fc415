import DepartmentKit
import EmploymentContract
import Foundation
import Storage
import TestSupport
import Testing
import WireProtocol

// The helpers every office builds its handlers on (Shared/DepartmentKit). They have no test
// target of their own here; these run with the employment tests, the office that uses them first.

@Suite("EntityID: a kind's letter and a row number, one spelling per record")
struct EntityIDTests {
    static let seeker = EntityKind(prefix: "S", noun: "job seeker")

    @Test("format and parse are inverse for every row", arguments: [Int64(1), 9, 10, 42, 1_000_000, Int64.max])
    func roundTrip(row: Int64) throws {
        let text = Self.seeker.format(row)
        #expect(text == "S\(row)")
        let id = try #require(EntityID(text, kind: Self.seeker))
        #expect(id.row == row)
        #expect(id.kind == Self.seeker)
        #expect(id.description == text)
        #expect(Self.seeker.id(row) == id)
    }

    @Test(
        "anything but the canonical spelling is not an id",
        arguments: [
            "", "S", "42", "s42", "V42", " S42", "S42 ", "S 42", "S0", "S00", "S007", "S-1", "S+1", "S4.2", "S4_2", "S0x1F",
            "S9223372036854775808", "S12345678901234567890", "S١٢", "S１２", "SS42", "S\u{301}42",
        ])
    func refused(text: String) {
        #expect(EntityID(text, kind: Self.seeker) == nil)
    }

    @Test("validation names the field and says what an id of that kind looks like")
    func validation() {
        var validation = Validation()
        #expect(validation.entityID("S42", Self.seeker, field: "seeker_id") == Self.seeker.id(42))
        #expect(validation.isValid)
        #expect(validation.entityID("", Self.seeker, field: "seeker_id") == nil)
        #expect(validation.entityID("V1", Self.seeker, field: "other_id") == nil)
        #expect(
            validation.violations == [
                Wire.FieldViolation(field: "seeker_id", description: "is required"),
                Wire.FieldViolation(field: "other_id", description: "\"V1\" is not a job seeker id (they look like S123)"),
            ])
    }

    @Test("NOT_FOUND names the record and the field")
    func notFound() {
        let error = RPCError.notFound(Self.seeker.id(999), field: "seeker_id")
        #expect(error.code == .notFound)
        #expect(error.message == "no job seeker S999")
        #expect(error.violations == [Wire.FieldViolation(field: "seeker_id", description: "no job seeker S999")])
        #expect(RPCError.notFound("job seeker", field: "id_number", "330902********0021").violations.map(\.field) == ["id_number"])
        #expect(RPCError.notReadBack(Self.seeker.id(7)).code == .internal)
    }
}

@Suite("Validation.unwrap: non-optional values after finish(), never a crash")
struct UnwrapTests {
    @Test("a value is passed through")
    func value() throws {
        var validation = Validation()
        let parsed = validation.parse("n") { 42 }
        try validation.finish()
        #expect(try validation.unwrap(parsed, field: "n") == 42)
    }

    @Test("nil with no violation recorded (a parser bug) is INTERNAL naming the field, with the cause kept")
    func nilWithoutViolation() {
        let validation = Validation()
        let missing: Int? = nil
        #expect(throws: RPCError.self) { try validation.unwrap(missing, field: "start_date") }
        do {
            _ = try validation.unwrap(missing, field: "start_date")
        } catch {
            #expect(error.code == .internal)
            #expect(error.message.contains("start_date"))
            #expect(error.violations.isEmpty)
            #expect((error.cause as? UnvalidatedField)?.field == "start_date")
        }
    }

    @Test("nil before finish() with violations recorded is INVALID_ARGUMENT with every violation")
    func nilWithViolations() {
        var validation = Validation()
        let a = validation.entityID("x", EntityKind(prefix: "S", noun: "job seeker"), field: "seeker_id")
        validation.fail(field: "start_date", "is required (YYYY-MM-DD)")
        do {
            _ = try validation.unwrap(a, field: "seeker_id")
            Issue.record("expected INVALID_ARGUMENT")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.violations.map(\.field) == ["seeker_id", "start_date"])
        }
    }
}

@Suite("PageRequest and Page: the typed page every list returns")
struct PageTests {
    struct Row: Equatable { let id: Int64 }

    func request(size: UInt32, token: String = "") throws -> (PageRequest, Int64) {
        var validation = Validation()
        let page = PageRequest(size: size, token: token, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        return (try validation.unwrap(page, field: "page_token"), after)
    }

    /// What a store does: rows after `after`, at most `limit`.
    func fetch(_ all: [Row], after: Int64, limit: Int) -> [Row] { Array(all.filter { $0.id > after }.prefix(limit)) }

    @Test("a page holds at most size rows; the token continues after the last; the last page has no token")
    func walk() throws {
        let all = (1...5).map { Row(id: Int64($0)) }
        var token = "", seen: [Row] = [], pages = 0
        repeat {
            let (request, after) = try request(size: 2, token: token)
            #expect(request.fetchLimit == 3)
            let page = request.page(of: fetch(all, after: after, limit: request.fetchLimit), rowID: \.id)
            #expect(page.rows.count <= 2)
            seen += page.rows
            token = page.nextToken
            #expect(page.isLast == token.isEmpty)
            pages += 1
        } while !token.isEmpty && pages < 10
        #expect(seen == all)
        #expect(pages == 3)
    }

    @Test("exactly size rows: one page, no token; no rows: an empty last page")
    func edges() throws {
        let (request, _) = try request(size: 2)
        let full = request.page(of: [Row(id: 1), Row(id: 2)], rowID: \.id)
        #expect(full == Page(rows: [Row(id: 1), Row(id: 2)], nextToken: ""))
        #expect(request.page(of: [Row](), rowID: \.id) == Page(rows: [], nextToken: ""))
    }

    @Test("the token holds the keyset of the last row sent; map keeps it")
    func token() throws {
        let (request, _) = try request(size: 1)
        let page = request.page(of: [Row(id: 7), Row(id: 9)], rowID: \.id)
        #expect(page.rows == [Row(id: 7)])
        #expect(try PageToken(encoded: page.nextToken).values == ["7"])
        let keyed = request.page(of: [Row(id: 7), Row(id: 9)]) { ["a", String($0.id)] }
        #expect(try PageToken(encoded: keyed.nextToken).values == ["a", "7"])
        let mapped = page.map { "row \($0.id)" }
        #expect(mapped.rows == ["row 7"])
        #expect(mapped.nextToken == page.nextToken)
    }

    @Test("size 0 is the default, sizes above the maximum are clamped")
    func sizes() throws {
        #expect(try request(size: 0).0.size == PageSize.defaultValue)
        #expect(try request(size: 100_000).0.size == PageSize.maximumValue)
    }

    @Test(
        "a token of another list or not a position is INVALID_ARGUMENT page_token",
        arguments: [
            PageToken(values: ["1", "2"]).encoded, PageToken(values: ["0"]).encoded, PageToken(values: ["x"]).encoded, "garbage",
        ])
    func badToken(token: String) {
        do {
            _ = try request(size: 2, token: token)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument)
            #expect(error.violations.map(\.field) == ["page_token"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("Tags: one column, joined by a separator validation keeps out")
struct TagsTests {
    @Test("join and split are inverse for validated tags", arguments: [[String](), ["cooking"], ["cooking", "elderly-care", "电工"], ["a b", "c,d"]])
    func roundTrip(tags: [String]) {
        #expect(Tags.split(Tags.join(tags)) == tags)
    }

    @Test(
        "tags holding the separator or another control character are refused, naming the entry",
        arguments: ["cook\u{1F}ing", "\u{1F}x", "a\u{0}b", "tab\there", "two\nlines"])
    func separatorRefused(tag: String) {
        var validation = Validation()
        let tags = validation.tags(["driving", tag], field: "skills")
        #expect(tags == ["driving"])
        #expect(validation.violations == [Wire.FieldViolation(field: "skills[1]", description: "must not contain control characters")])
    }

    @Test("a registration whose skill holds the separator is INVALID_ARGUMENT skills[0]; nothing written")
    func registrationRefused() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(1, skills: ["cook\u{1F}ing"])
        let error = try #require(await refusal { () -> Employment.JobSeeker in try await fixture.call("RegisterJobSeeker", request) })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == ["skills[0]"])
        #expect(try await fixture.count("seekers") == 0)
    }
}

@Suite("Date ↔ Unix milliseconds")
struct UnixMillisecondsTests {
    @Test("whole milliseconds round-trip", arguments: [Int64(0), 1, 1_795_000_000_123, -1, -86_400_000])
    func roundTrip(ms: Int64) {
        #expect(Date(unixMilliseconds: ms).unixMilliseconds == ms)
    }

    @Test("sub-millisecond instants round to the nearest millisecond")
    func rounding() {
        #expect(Date(timeIntervalSince1970: 1.0004).unixMilliseconds == 1000)
        #expect(Date(timeIntervalSince1970: 1.0006).unixMilliseconds == 1001)
    }
}

@Suite("RPCError refusals: one conversion for domain errors")
struct RefusalErrorTests {
    @Test("several violations: the message lists each as field: description")
    func several() {
        let error = RPCError(
            refusing: .failedPrecondition,
            violations: [
                Wire.FieldViolation(field: "seeker_id", description: "a"), Wire.FieldViolation(field: "vacancy_id", description: "b"),
            ])
        #expect(error.code == .failedPrecondition)
        #expect(error.message == "seeker_id: a; vacancy_id: b")
        #expect(error.fields == ["seeker_id", "vacancy_id"])
    }

    @Test("one field: the message as given, the cause kept")
    func one() {
        struct Because: Error, Sendable, Equatable {}
        let error = RPCError(refusing: .alreadyExists, "already there", field: "id_number", "already registered", cause: Because())
        #expect(error == RPCError(.alreadyExists, "already there", violations: [Wire.FieldViolation(field: "id_number", description: "already registered")]))
        #expect(error.cause is Because)
    }
}
