import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("Job seekers (求职登记): register, get, mask, update, withdraw, list, idempotency")
struct SeekerHandlerTests {
    static let a = EmploymentFixture.communityA
    static let b = EmploymentFixture.communityB

    @Test("register, then get by seeker id and by ID number; staff see everything")
    func registerAndGet() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(1, grid: 2, category: .minimumLivingAllowance, skills: ["Cooking ", "cleaning"])
        let registered: Employment.JobSeeker = try await fixture.call("RegisterJobSeeker", request)
        #expect(registered.seekerId.hasPrefix("S"))
        #expect(registered.idNumber == request.idNumber)
        #expect(registered.name == "张三")
        #expect(registered.communityCode == Self.a)
        #expect(registered.gridCode == Self.a + "002")
        #expect(registered.category == .minimumLivingAllowance)
        #expect(registered.skills == ["cooking", "cleaning"])
        #expect(registered.status == .waiting)
        // the declared category alone is not hardship: that takes a recognition by staff
        #expect(!registered.hardship)
        #expect(registered.spell == 1)
        #expect(registered.phone == "13812345678")
        let nowMs = UInt64((fixture.clock.now.timeIntervalSince1970 * 1000).rounded())
        #expect(registered.registeredAtMs == nowMs)
        #expect(registered.promiseDeadlineMs == nowMs + 48 * 3_600_000)

        let byID = try await fixture.seeker(registered.seekerId)
        #expect(byID == registered)
        let byNumber: Employment.JobSeeker = try await fixture.call("GetJobSeeker", Employment.GetJobSeekerRequest(idNumber: request.idNumber))
        #expect(byNumber == registered)
        #expect(try await fixture.count("seekers") == 1)
        #expect(try await fixture.count("seeker_skills") == 2)
    }

    @Test("a seeker who declines the promise has no deadline and is not hardship when laid off")
    func noPromise() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(3, category: .laidOff, acceptsPromise: false)
        #expect(!seeker.acceptsPromise)
        #expect(seeker.promiseDeadlineMs == 0)
        #expect(!seeker.hardship)
    }

    @Test("a caller without the employment role sees the ID number, name and phone masked", arguments: ["", "clerk", "health,auditor"])
    func masking(roles: String) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(7)
        let registered: Employment.JobSeeker = try await fixture.call("RegisterJobSeeker", request, roles: roles)
        let id = request.idNumber
        let masked = String(id.prefix(6)) + "********" + String(id.suffix(4))
        #expect(registered.idNumber == masked)
        #expect(registered.name == "张*")
        #expect(registered.phone == "138****5678")

        let got = try await fixture.seeker(registered.seekerId, roles: roles)
        #expect(got.idNumber == masked)
        #expect(got.idNumber.count == 18 && got.idNumber.hasPrefix("330902") && !got.idNumber.contains(String(id.dropFirst(6).prefix(8))))
        #expect(got.name == "张*")
        #expect(got.phone == "138****5678")
        let listed: Employment.ListJobSeekersResponse = try await fixture.call(
            "ListJobSeekers", Employment.ListJobSeekersRequest(communityCode: Self.a), roles: roles)
        #expect(listed.seekers.map(\.idNumber) == [masked])
        #expect(listed.seekers.map(\.name) == ["张*"])

        // staff (and admins) see it whole
        #expect(try await fixture.seeker(registered.seekerId, roles: "employment").idNumber == id)
        #expect(try await fixture.seeker(registered.seekerId, roles: "clerk,admin").name == "张三")
    }

    /// A bad registration: what is wrong, and the field the answer must name.
    struct BadRegistration: Sendable, CustomTestStringConvertible {
        let label: String
        let field: String
        let change: @Sendable (inout Employment.RegisterJobSeekerRequest) -> Void
        var testDescription: String { label }
    }

    static let badRegistrations: [BadRegistration] = [
        BadRegistration(label: "wrong check character", field: "id_number") { $0.idNumber = Residents.withWrongCheckCharacter($0.idNumber) },
        BadRegistration(label: "ID number too short", field: "id_number") { $0.idNumber = String($0.idNumber.dropLast()) },
        BadRegistration(label: "no ID number", field: "id_number") { $0.idNumber = "" },
        BadRegistration(label: "unknown community", field: "community_code") {
            $0.communityCode = "330902001009"; $0.gridCode = "330902001009001"
        },
        BadRegistration(label: "malformed community", field: "community_code") { $0.communityCode = "33090200100" },
        BadRegistration(label: "grid outside the community", field: "grid_code") { $0.gridCode = EmploymentFixture.communityB + "001" },
        BadRegistration(label: "grid number 000", field: "grid_code") { $0.gridCode = EmploymentFixture.communityA + "000" },
        BadRegistration(label: "no grid", field: "grid_code") { $0.gridCode = "" },
        BadRegistration(label: "missing category", field: "category") { $0.category = .unspecified },
        BadRegistration(label: "empty name", field: "name") { $0.name = "  " },
        BadRegistration(label: "empty skill", field: "skills[1]") { $0.skills = ["cooking", " "] },
    ]

    @Test("bad input is INVALID_ARGUMENT naming the field, and nothing is written", arguments: badRegistrations)
    func badInput(_ bad: BadRegistration) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var request = try fixture.registration(11)
        bad.change(&request)
        let error = try #require(await refusal { () -> Employment.JobSeeker in try await fixture.call("RegisterJobSeeker", request) })
        #expect(error.code == .invalidArgument)
        #expect(error.fields.contains(bad.field), "\(error)")
        #expect(try await fixture.count("seekers") == 0)
        #expect(try await fixture.count("seeker_skills") == 0)
    }

    @Test("several bad fields are all named at once")
    func allFieldsNamed() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var request = try fixture.registration(12)
        request.idNumber = Residents.withWrongCheckCharacter(request.idNumber)
        request.gridCode = Self.b + "003"
        request.category = .unspecified
        let error = try #require(await refusal { () -> Employment.JobSeeker in try await fixture.call("RegisterJobSeeker", request) })
        #expect(error.code == .invalidArgument)
        #expect(Set(error.fields) == ["id_number", "grid_code", "category"], "\(error)")
        #expect(try await fixture.count("seekers") == 0)
    }

    @Test("registering the same resident twice is ALREADY_EXISTS; one row")
    func duplicate() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        try await fixture.register(5)
        let error = try #require(await refusal { try await fixture.register(5, community: Self.b, grid: 3) })
        #expect(error.code == .alreadyExists)
        #expect(error.fields == ["id_number"])
        #expect(try await fixture.count("seekers") == 1)
    }

    @Test("get: unknown seeker is NOT_FOUND; neither or both keys is INVALID_ARGUMENT")
    func getErrors() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let missing = try #require(await refusal { try await fixture.seeker("S999") })
        #expect(missing.code == .notFound)
        let unknownNumber = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call("GetJobSeeker", Employment.GetJobSeekerRequest(idNumber: try Residents.idNumber(40)))
            })
        #expect(unknownNumber.code == .notFound)
        #expect(unknownNumber.fields == ["id_number"])
        let neither = try #require(await refusal { () -> Employment.JobSeeker in try await fixture.call("GetJobSeeker", Employment.GetJobSeekerRequest()) })
        #expect(neither.code == .invalidArgument)
        let both = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call("GetJobSeeker", Employment.GetJobSeekerRequest(seekerId: "S1", idNumber: try Residents.idNumber(40)))
            })
        #expect(both.code == .invalidArgument)
        let malformed = try #require(await refusal { try await fixture.seeker("V1") })
        #expect(malformed.code == .invalidArgument)
        #expect(malformed.fields == ["seeker_id"])
    }

    @Test("update replaces the changeable details; a grid of another community is refused")
    func update() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1, grid: 1, category: .unemployed, skills: ["cooking"])
        let updated: Employment.JobSeeker = try await fixture.call(
            "UpdateJobSeeker",
            Employment.UpdateJobSeekerRequest(
                seekerId: seeker.seekerId, gridCode: Self.a + "004", category: .disabled, skills: ["sewing", "computer"], wishes: "近一点", phone: "13900001111"))
        #expect(updated.gridCode == Self.a + "004")
        #expect(updated.category == .disabled)
        #expect(!updated.hardship)  // declared, not recognised
        #expect(updated.skills == ["sewing", "computer"])
        #expect(updated.idNumber == seeker.idNumber)
        #expect(updated.registeredAtMs == seeker.registeredAtMs)
        #expect(try await fixture.seeker(seeker.seekerId) == updated)
        #expect(try await fixture.count("seeker_skills", where: "skill = 'cooking'") == 0)
        #expect(try await fixture.count("seeker_skills") == 2)

        let elsewhere = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call(
                    "UpdateJobSeeker", Employment.UpdateJobSeekerRequest(seekerId: seeker.seekerId, gridCode: Self.b + "001", category: .disabled))
            })
        #expect(elsewhere.code == .invalidArgument)
        #expect(elsewhere.fields == ["grid_code"])
        #expect(try await fixture.seeker(seeker.seekerId).gridCode == Self.a + "004")
    }

    @Test("withdraw: the seeker is WITHDRAWN, cannot withdraw again nor be updated")
    func withdraw() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)
        let withdrawn: Employment.JobSeeker = try await fixture.call(
            "WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: seeker.seekerId, note: "found work himself", reason: .selfEmployed))
        #expect(withdrawn.status == .withdrawn)
        #expect(try await fixture.seeker(seeker.seekerId).status == .withdrawn)
        let again = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call("WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: seeker.seekerId, reason: .movedAway))
            })
        #expect(again.code == .failedPrecondition)
        #expect(again.fields == ["seeker_id"])
        let update = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call(
                    "UpdateJobSeeker", Employment.UpdateJobSeekerRequest(seekerId: seeker.seekerId, gridCode: Self.a + "001", category: .other))
            })
        #expect(update.code == .failedPrecondition)
        #expect(try await fixture.seeker(seeker.seekerId).category == .unemployed)
        let missing = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call("WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: "S404", reason: .movedAway))
            })
        #expect(missing.code == .notFound)
    }

    /// Every seeker `request` lists, following next_page_token; fails on a page over the size.
    func listAll(_ fixture: EmploymentFixture, _ request: Employment.ListJobSeekersRequest) async throws -> (seekers: [Employment.JobSeeker], pages: Int) {
        var request = request
        var all: [Employment.JobSeeker] = []
        var pages = 0
        repeat {
            let page: Employment.ListJobSeekersResponse = try await fixture.call("ListJobSeekers", request)
            pages += 1
            #expect(page.seekers.count <= Int(request.pageSize))
            all += page.seekers
            request.pageToken = page.nextPageToken
            if pages > 50 { Issue.record("paging does not end"); break }
        } while !request.pageToken.isEmpty
        return (all, pages)
    }

    @Test("list by community, grid and status, paging through every page with page_size 2")
    func listAndPage() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        var inA: [String] = []
        for i in 0..<7 { inA.append(try await fixture.register(100 + i, community: Self.a, grid: 1 + i % 3).seekerId) }
        for i in 0..<2 { try await fixture.register(200 + i, community: Self.b, grid: 1) }
        _ = try await fixture.call(
            "WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: inA[3], reason: .movedAway), as: Employment.JobSeeker.self)

        let everyone = try await listAll(fixture, Employment.ListJobSeekersRequest(communityCode: Self.a, pageSize: 2))
        #expect(everyone.seekers.map(\.seekerId) == inA)  // in id order, each once
        #expect(Set(everyone.seekers.map(\.seekerId)).count == 7)
        #expect(everyone.pages == 4)
        #expect(everyone.seekers.allSatisfy { $0.communityCode == Self.a })

        let grid2 = try await listAll(fixture, Employment.ListJobSeekersRequest(communityCode: Self.a, gridCode: Self.a + "002", pageSize: 2))
        #expect(grid2.seekers.map(\.seekerId) == [inA[1], inA[4]])

        let waiting = try await listAll(fixture, Employment.ListJobSeekersRequest(communityCode: Self.a, status: .waiting, pageSize: 2))
        #expect(waiting.seekers.map(\.seekerId) == inA.filter { $0 != inA[3] })
        let withdrawn = try await listAll(fixture, Employment.ListJobSeekersRequest(communityCode: Self.a, status: .withdrawn, pageSize: 2))
        #expect(withdrawn.seekers.map(\.seekerId) == [inA[3]])
        let grid1Waiting = try await listAll(
            fixture, Employment.ListJobSeekersRequest(communityCode: Self.a, gridCode: Self.a + "001", status: .waiting, pageSize: 2))
        #expect(grid1Waiting.seekers.map(\.seekerId) == [inA[0], inA[6]])  // inA[3] (grid 1) withdrew

        let inB = try await listAll(fixture, Employment.ListJobSeekersRequest(communityCode: Self.b, pageSize: 2))
        #expect(inB.seekers.count == 2)
        #expect(inB.pages == 1)
    }

    @Test(
        "list: a garbage page_token or a grid of another community is INVALID_ARGUMENT naming it",
        arguments: ["garbage", "AAAA", "not base64 !!"])
    func listBadToken(token: String) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        try await fixture.register(1)
        let error = try #require(
            await refusal { () -> Employment.ListJobSeekersResponse in
                try await fixture.call("ListJobSeekers", Employment.ListJobSeekersRequest(communityCode: Self.a, pageSize: 2, pageToken: token))
            })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == ["page_token"], "\(error)")

        let grid = try #require(
            await refusal { () -> Employment.ListJobSeekersResponse in
                try await fixture.call("ListJobSeekers", Employment.ListJobSeekersRequest(communityCode: Self.a, gridCode: Self.b + "001"))
            })
        #expect(grid.code == .invalidArgument)
        #expect(grid.fields == ["grid_code"])
    }

    @Test("idempotency: the same key and request twice registers once and answers the same seeker")
    func idempotentReplay() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = try fixture.registration(21)
        let first: Employment.JobSeeker = try await fixture.call("RegisterJobSeeker", request, idempotencyKey: "reg-21-a")
        let second: Employment.JobSeeker = try await fixture.call("RegisterJobSeeker", request, idempotencyKey: "reg-21-a")
        #expect(second.seekerId == first.seekerId)
        #expect(second == first)
        #expect(try await fixture.count("seekers") == 1)
        // without the key the retry is a duplicate registration
        let retry = try #require(await refusal { () -> Employment.JobSeeker in try await fixture.call("RegisterJobSeeker", request) })
        #expect(retry.code == .alreadyExists)
    }

    @Test("idempotency: the same key with a different request is FAILED_PRECONDITION and writes nothing")
    func idempotentKeyReuse() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        _ = try await fixture.call("RegisterJobSeeker", try fixture.registration(22), as: Employment.JobSeeker.self, idempotencyKey: "reg-22")
        let error = try #require(
            await refusal { () -> Employment.JobSeeker in
                try await fixture.call("RegisterJobSeeker", try fixture.registration(23), idempotencyKey: "reg-22")
            })
        #expect(error.code == .failedPrecondition)
        #expect(try await fixture.count("seekers") == 1)
        // the key is per method: the same key on another write is unrelated
        let vacancy: Employment.Vacancy = try await fixture.call(
            "PostVacancy",
            Employment.PostVacancyRequest(
                kind: .enterprise, title: "保洁", employer: "物业", communityCode: Self.a, positions: 1, wageFen: 1), idempotencyKey: "reg-22")
        #expect(vacancy.vacancyId.hasPrefix("V"))
    }
}
