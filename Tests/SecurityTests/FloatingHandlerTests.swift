import Domain
import Foundation
import SecurityContract
import TestSupport
import Testing
import WireProtocol
import WireRuntime

@Suite("Floating population (流动人口): arrival, masking, grid scope, update, departure, lists, counts, residence permit")
struct FloatingHandlerTests {
    static let a = SecurityFixture.communityA
    static let b = SecurityFixture.communityB

    static func arrival(_ index: Int, community: String = a, grid: Int = 1, origin: String = "", daysAgo: Int = 10, division: String = "510104")
        throws -> Security.RegisterArrivalRequest
    {
        Security.RegisterArrivalRequest(
            idNumber: try Residents.idNumber(index, division: division), name: "刘小明", originDivisionCode: origin, communityCode: community,
            gridCode: Residents.grid(community, grid), address: "海滨路 \(index) 号 301 室", landlord: "陈房东",
            arrivalDate: LocalDate(SecurityFixture.start).adding(days: -daysAgo).description, expectedStayDays: 365, phone: "13912345678")
    }

    @discardableResult
    static func register(_ fixture: SecurityFixture, _ index: Int, community: String = a, grid: Int = 1, daysAgo: Int = 10) async throws
        -> Security.FloatingResident
    {
        try await fixture.call("RegisterArrival", try arrival(index, community: community, grid: grid, daysAgo: daysAgo))
    }

    @Test("an arrival takes its origin from the ID number unless one is given; security staff see it whole, the resident reported")
    func register() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let request = try Self.arrival(1)
        let context = fixture.context("RegisterArrival", as: .officer)
        let registered: Security.FloatingResident = try await fixture.call("RegisterArrival", request, context: context)
        #expect(registered.registrationId == "F1" && registered.status == .residing)
        #expect(registered.originDivisionCode == "510104")
        #expect(registered.idNumber == request.idNumber && registered.name == "刘小明" && registered.phone == "13912345678")
        #expect(registered.landlord == "陈房东" && registered.expectedStayDays == 365 && registered.arrivalDate == request.arrivalDate)
        #expect(context.residents.reported == [request.idNumber])
        var given = try Self.arrival(2)
        given.originDivisionCode = "420106"
        let other: Security.FloatingResident = try await fixture.call("RegisterArrival", given)
        #expect(other.originDivisionCode == "420106")
        let byNumber: Security.FloatingResident = try await fixture.call("GetFloatingResident", Security.GetFloatingResidentRequest(idNumber: given.idNumber))
        #expect(byNumber.registrationId == other.registrationId)
    }

    @Test("callers without the security role see ID numbers, names and phones masked", arguments: ["clerk", "grid-worker"])
    func masking(roles: String) async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let request = try Self.arrival(3)
        let caller = Caller(id: "someone", roles: roles, grids: [Residents.grid(Self.a, 1)])
        let registered: Security.FloatingResident = try await fixture.call("RegisterArrival", request, caller: caller)
        let masked = String(request.idNumber.prefix(6)) + "********" + String(request.idNumber.suffix(4))
        #expect(registered.idNumber == masked && registered.name == "刘**" && registered.phone == "139****5678" && registered.landlord == "陈**")
        let listed: Security.ListFloatingResidentsResponse = try await fixture.call(
            "ListFloatingResidents", Security.ListFloatingResidentsRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 1)), caller: caller)
        #expect(listed.residents.map(\.idNumber) == [masked])
    }

    @Test("a grid worker registers and reads their own grids only")
    func gridScope() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let worker = Caller(id: "grid-0101", roles: "grid-worker", grids: [Residents.grid(Self.a, 1)])
        _ = try await fixture.call("RegisterArrival", try Self.arrival(1, grid: 1), as: Security.FloatingResident.self, caller: worker)
        let outside = await refusal {
            try await fixture.call("RegisterArrival", try Self.arrival(2, grid: 2), as: Security.FloatingResident.self, caller: worker)
        }
        #expect(outside?.code == .permissionDenied && outside?.fields == ["grid_code"])
        let theirs = try await Self.register(fixture, 3, grid: 2)
        let read = await refusal {
            try await fixture.call(
                "GetFloatingResident", Security.GetFloatingResidentRequest(registrationId: theirs.registrationId), as: Security.FloatingResident.self,
                caller: worker)
        }
        #expect(read?.code == .permissionDenied && read?.fields == ["registration_id"])
        let whole = await refusal {
            try await fixture.call(
                "ListFloatingResidents", Security.ListFloatingResidentsRequest(communityCode: Self.a), as: Security.ListFloatingResidentsResponse.self,
                caller: worker)
        }
        #expect(whole?.code == .invalidArgument && whole?.fields == ["grid_code"])
        let departure = await refusal {
            try await fixture.call(
                "RecordDeparture", Security.RecordDepartureRequest(registrationId: theirs.registrationId, departureDate: fixture.today.description),
                as: Security.FloatingResident.self, caller: worker)
        }
        #expect(departure?.code == .permissionDenied)
    }

    @Test("one residing registration per resident; departure ends it and allows a new arrival; a departed one takes no change")
    func departure() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let first = try await Self.register(fixture, 1)
        let twice = await refusal { try await Self.register(fixture, 1) }
        #expect(twice?.code == .alreadyExists && twice?.fields == ["id_number"])
        let early = await refusal {
            try await fixture.call(
                "RecordDeparture",
                Security.RecordDepartureRequest(registrationId: first.registrationId, departureDate: fixture.today.adding(days: -30).description),
                as: Security.FloatingResident.self)
        }
        #expect(early?.code == .failedPrecondition && early?.fields == ["departure_date"])
        let left: Security.FloatingResident = try await fixture.call(
            "RecordDeparture", Security.RecordDepartureRequest(registrationId: first.registrationId, departureDate: fixture.today.description))
        #expect(left.status == .departed && left.departureDate == fixture.today.description)
        let update = await refusal {
            try await fixture.call(
                "UpdateFloatingResident",
                Security.UpdateFloatingResidentRequest(
                    registrationId: first.registrationId, gridCode: Residents.grid(Self.a, 2), address: "新地址", expectedStayDays: 30),
                as: Security.FloatingResident.self)
        }
        #expect(update?.code == .failedPrecondition && update?.message.contains("DEPARTED") == true)
        let again = try await Self.register(fixture, 1, daysAgo: 0)
        #expect(again.registrationId == "F2")
        let latest: Security.FloatingResident = try await fixture.call(
            "GetFloatingResident", Security.GetFloatingResidentRequest(idNumber: try Residents.idNumber(1, division: "510104")))
        #expect(latest.registrationId == "F2")
    }

    @Test("update moves within the community; another community's grid is refused naming grid_code")
    func update() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let registered = try await Self.register(fixture, 1)
        let moved: Security.FloatingResident = try await fixture.call(
            "UpdateFloatingResident",
            Security.UpdateFloatingResidentRequest(
                registrationId: registered.registrationId, gridCode: Residents.grid(Self.a, 4), address: "城东路 8 号", landlord: "黄房东", expectedStayDays: 90,
                phone: ""))
        #expect(moved.gridCode == Residents.grid(Self.a, 4) && moved.address == "城东路 8 号" && moved.expectedStayDays == 90 && moved.phone == "")
        let elsewhere = await refusal {
            try await fixture.call(
                "UpdateFloatingResident",
                Security.UpdateFloatingResidentRequest(
                    registrationId: registered.registrationId, gridCode: Residents.grid(Self.b, 1), address: "x", expectedStayDays: 30),
                as: Security.FloatingResident.self)
        }
        #expect(elsewhere?.code == .invalidArgument && elsewhere?.fields == ["grid_code"])
    }

    @Test("bad arrivals name every bad field and write nothing")
    func validation() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let bad = await refusal {
            try await fixture.call(
                "RegisterArrival",
                Security.RegisterArrivalRequest(
                    idNumber: "12345", name: "刘", originDivisionCode: "990101", communityCode: Self.a, gridCode: Residents.grid(Self.a, 12), address: "",
                    arrivalDate: fixture.today.adding(days: 1).description, expectedStayDays: 0),
                as: Security.FloatingResident.self)
        }
        #expect(bad?.code == .invalidArgument)
        #expect(
            bad?.fields == ["id_number", "origin_division_code", "address", "arrival_date", "expected_stay_days", "grid_code"], "\(String(describing: bad))")
        #expect(try await fixture.count("floating_residents") == 0)
    }

    @Test("a grid's registrations page in id order; counts per community split residing and departed")
    func listsAndCounts() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        for index in 1...7 { try await Self.register(fixture, index, grid: 1 + index % 2) }
        try await Self.register(fixture, 8, community: Self.b)
        _ = try await fixture.call(
            "RecordDeparture", Security.RecordDepartureRequest(registrationId: "F1", departureDate: fixture.today.description),
            as: Security.FloatingResident.self)
        var seen: [String] = []
        var token = ""
        repeat {
            let page: Security.ListFloatingResidentsResponse = try await fixture.call(
                "ListFloatingResidents",
                Security.ListFloatingResidentsRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 2), pageSize: 2, pageToken: token))
            seen += page.residents.map(\.registrationId)
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(seen == ["F1", "F3", "F5", "F7"])
        let residing: Security.ListFloatingResidentsResponse = try await fixture.call(
            "ListFloatingResidents", Security.ListFloatingResidentsRequest(communityCode: Self.a, status: .residing))
        #expect(residing.residents.map(\.registrationId) == ["F2", "F3", "F4", "F5", "F6", "F7"])
        let counts: Security.CountFloatingResidentsResponse = try await fixture.call("CountFloatingResidents", Security.CountFloatingResidentsRequest())
        #expect(counts.counts.map { "\($0.communityCode):\($0.residing)/\($0.departed)" } == ["\(Self.a):6/1", "\(Self.b):1/0"])
        let one: Security.CountFloatingResidentsResponse = try await fixture.call(
            "CountFloatingResidents", Security.CountFloatingResidentsRequest(communityCode: Self.b))
        #expect(one.counts.map(\.residing) == [1])
    }

    @Test("residence-permit eligibility through the office: six months after arrival, the current registration named")
    func residencePermit() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let long = try await Self.register(fixture, 1, daysAgo: 200)
        let short = try await Self.register(fixture, 2, daysAgo: 20)
        let yes: Security.ResidencePermitEligibility = try await fixture.call(
            "CheckResidencePermit", Security.CheckResidencePermitRequest(idNumber: try Residents.idNumber(1, division: "510104")))
        #expect(yes.eligible && yes.registrationId == long.registrationId && yes.continuousDays == 200 && yes.requiredMonths == 6)
        #expect(yes.continuousSince == long.arrivalDate && yes.asOf == fixture.today.description)
        let context = fixture.context("CheckResidencePermit", as: .clerk)
        let no: Security.ResidencePermitEligibility = try await fixture.call(
            "CheckResidencePermit", Security.CheckResidencePermitRequest(idNumber: try Residents.idNumber(2, division: "510104")), context: context)
        #expect(!no.eligible && no.registrationId == short.registrationId)
        #expect(no.eligibleFrom == (try LocalDate(iso: short.arrivalDate)).adding(months: 6).description)
        #expect(context.residents.reported == [try Residents.idNumber(2, division: "510104")])
        let unknown = await refusal {
            try await fixture.call(
                "CheckResidencePermit", Security.CheckResidencePermitRequest(idNumber: try Residents.idNumber(9)), as: Security.ResidencePermitEligibility.self)
        }
        #expect(unknown?.code == .notFound && unknown?.fields == ["id_number"])
    }

    @Test("a retried arrival with the same idempotency key registers once")
    func idempotency() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let request = try Self.arrival(1)
        let first: Security.FloatingResident = try await fixture.call("RegisterArrival", request, idempotencyKey: "arrival-1")
        let second: Security.FloatingResident = try await fixture.call("RegisterArrival", request, idempotencyKey: "arrival-1")
        #expect(first == second)
        #expect(try await fixture.count("floating_residents") == 1)
    }
}
