import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import GRDB
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

/// Idempotency keys belong to the principal who sent them, and a replay is rendered for the
/// caller asking now: a repeated key never hands one caller's reply (full ID number, name) to
/// another.
@Suite("Idempotency keys are per principal; a replay is rendered for the caller asking now")
struct IdempotencyHandlerTests {
    static let a = EmploymentFixture.communityA

    @Test("another principal repeating a staff member's key and body does its own write: refused as a duplicate, never the staff reply")
    func anotherPrincipalCannotReplay() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(31)
        let staff: Employment.JobSeeker = try await fixture.call(
            "RegisterJobSeeker", request, principal: "clerk-1", roles: "employment", idempotencyKey: "reg-31")
        #expect(staff.idNumber == request.idNumber)

        // The same key is a different key for someone else: the registration runs again, and the
        // office refuses a second registration of one resident.
        for (principal, roles) in [("anonymous", ""), ("grid-worker-7", "grid-worker")] {
            let error = try #require(
                await refusal { () -> Employment.JobSeeker in
                    try await fixture.call("RegisterJobSeeker", request, principal: principal, roles: roles, idempotencyKey: "reg-31")
                })
            #expect(error.code == .alreadyExists, "\(error)")
            #expect(!error.message.contains(request.idNumber))
        }
        #expect(try await fixture.count("seekers") == 1)
    }

    @Test("another principal's same key on a write that may repeat performs its own write and gets its own reply")
    func anotherPrincipalWritesItsOwn() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = Employment.PostVacancyRequest(
            kind: .enterprise, title: "保洁", employer: "物业", communityCode: Self.a, positions: 1, wageFen: 250_000)
        let first: Employment.Vacancy = try await fixture.call("PostVacancy", request, principal: "clerk-1", idempotencyKey: "post-1")
        let second: Employment.Vacancy = try await fixture.call("PostVacancy", request, principal: "clerk-2", idempotencyKey: "post-1")
        #expect(first.vacancyId != second.vacancyId)
        #expect(try await fixture.count("vacancies") == 2)
        // Each one's retry replays its own vacancy.
        let firstAgain: Employment.Vacancy = try await fixture.call("PostVacancy", request, principal: "clerk-1", idempotencyKey: "post-1")
        let secondAgain: Employment.Vacancy = try await fixture.call("PostVacancy", request, principal: "clerk-2", idempotencyKey: "post-1")
        #expect(firstAgain == first)
        #expect(secondAgain == second)
        #expect(try await fixture.count("vacancies") == 2)
    }

    @Test("the first caller's replay shows only what that caller may see now")
    func replayIsRenderedForTheCallerNow() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(32, name: "张秀英")
        let id = request.idNumber
        let full: Employment.JobSeeker = try await fixture.call(
            "RegisterJobSeeker", request, principal: "clerk-1", roles: "employment", idempotencyKey: "reg-32")
        #expect(full.idNumber == id)
        #expect(full.name == "张秀英")
        #expect(full.phone == "13812345678")

        // The same principal, its employment role since withdrawn, retries: no second write, and
        // the reply is masked as it would be for any read by that caller now.
        let masked: Employment.JobSeeker = try await fixture.call(
            "RegisterJobSeeker", request, principal: "clerk-1", roles: "", idempotencyKey: "reg-32")
        #expect(masked.seekerId == full.seekerId)
        #expect(masked.idNumber == String(id.prefix(6)) + "********" + String(id.suffix(4)))
        #expect(masked.name == "张**")
        #expect(masked.phone != full.phone)
        #expect(masked == (try await fixture.seeker(full.seekerId, roles: "")))
        #expect(try await fixture.count("seekers") == 1)

        // With the role again, the replay is full again.
        let again: Employment.JobSeeker = try await fixture.call(
            "RegisterJobSeeker", request, principal: "clerk-1", roles: "employment", idempotencyKey: "reg-32")
        #expect(again == full)
    }

    @Test("an anonymous caller's own replay stays masked, and the key table holds no personal data")
    func anonymousReplayAndNoPersonalDataStored() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(33, name: "李四")
        let first: Employment.JobSeeker = try await fixture.call("RegisterJobSeeker", request, principal: "anonymous", roles: "", idempotencyKey: "k")
        let replay: Employment.JobSeeker = try await fixture.call("RegisterJobSeeker", request, principal: "anonymous", roles: "", idempotencyKey: "k")
        #expect(replay == first)
        #expect(replay.idNumber != request.idNumber)
        #expect(try await fixture.count("seekers") == 1)
        // With the key: who, which method, the key, the request's hash and the seeker's row id.
        let stored = try await fixture.database.read { db in
            try Row.fetchAll(db, sql: "SELECT principal, scope, key, length(request_hash) AS hash, length(reference) AS reference FROM idempotency_keys")
                .map { row -> [String] in [row["principal"], row["scope"], row["key"], "\(row["hash"] as Int)", "\(row["reference"] as Int)"] }
        }
        #expect(stored == [["anonymous", "RegisterJobSeeker", "k", "32", "8"]])
    }

    @Test("replays of every kind of write answer the same record without writing again")
    func replayEveryWrite() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        func twice<Request: ProtoMessage, Response: ProtoMessage>(_ method: String, _ request: Request) async throws -> Response {
            let first: Response = try await fixture.call(method, request, idempotencyKey: "key-\(method)")
            let second: Response = try await fixture.call(method, request, idempotencyKey: "key-\(method)")
            #expect(second == first, "\(method)")
            return first
        }
        let seeker: Employment.JobSeeker = try await twice("RegisterJobSeeker", try fixture.registration(34, skills: ["cooking"]))
        let vacancy: Employment.Vacancy = try await twice(
            "PostVacancy",
            Employment.PostVacancyRequest(
                kind: .enterprise, title: "厨师", employer: "饭店", communityCode: Self.a, positions: 2, requiredSkills: ["cooking"], wageFen: 1))
        let placement: Employment.Placement = try await twice(
            "RecordPlacement", Employment.RecordPlacementRequest(seekerId: seeker.seekerId, vacancyId: vacancy.vacancyId, startDate: "2026-11-20"))
        #expect(placement.seekerId == seeker.seekerId)
        #expect(placement.vacancyId == vacancy.vacancyId)
        #expect(try await fixture.count("placements") == 1)
        #expect(try await fixture.vacancy(vacancy.vacancyId).filled == 1)
        let closed: Employment.Vacancy = try await twice("CloseVacancy", Employment.CloseVacancyRequest(vacancyId: vacancy.vacancyId))
        #expect(closed.status == .closed)
    }
}
