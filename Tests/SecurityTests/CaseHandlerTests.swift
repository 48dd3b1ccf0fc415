import Domain
import Foundation
import SecurityContract
import TestSupport
import Testing
import WireProtocol
import WireRuntime

@Suite("Supervision cases (安置帮教, 社区矫正) through the handlers: open, helpers, check-ins, missed, close, access")
struct CaseHandlerTests {
    static let a = SecurityFixture.communityA

    /// A correction case in grid 1 of community A, term from 70 days before the fixture's today
    /// for a year, weekly check-ins.
    static func opening(_ index: Int = 1, kind: Security.CaseKind = .communityCorrection, grid: Int = 1, today: LocalDate) throws
        -> Security.OpenCaseRequest
    {
        Security.OpenCaseRequest(
            kind: kind, idNumber: try Residents.idNumber(index), name: "王五", communityCode: a, gridCode: Residents.grid(a, grid),
            termStart: today.adding(days: -70).description, termEnd: today.adding(days: 295).description)
    }

    static func open(_ fixture: SecurityFixture, _ index: Int = 1, kind: Security.CaseKind = .communityCorrection, grid: Int = 1) async throws
        -> Security.SupervisionCase
    {
        try await fixture.call("OpenCase", try opening(index, kind: kind, grid: grid, today: fixture.today))
    }

    @Test("open, assign helpers, check in, get: the case as security staff see it, the resident reported")
    func lifecycle() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let request = try Self.opening(today: fixture.today)
        let context = fixture.context("OpenCase", as: .officer)
        let opened: Security.SupervisionCase = try await fixture.call("OpenCase", request, context: context)
        #expect(opened.caseId == "K1")
        #expect(opened.idNumber == request.idNumber && opened.name == "王五")
        #expect(opened.status == .active && opened.checkInIntervalDays == 7)
        #expect(opened.termStart == request.termStart && opened.termEnd == request.termEnd)
        #expect(context.residents.reported == [request.idNumber])
        #expect(!context.residents.isBreakTheGlass)

        let resettlement = try await Self.open(fixture, 2, kind: .resettlement)
        #expect(resettlement.checkInIntervalDays == 30)

        let helped: Security.SupervisionCase = try await fixture.call(
            "AssignHelper", Security.AssignHelperRequest(caseId: "K1", name: "李建国", role: .policeOfficer, phone: "0580-2020110"))
        #expect(helped.helpers.map(\.name) == ["李建国"] && helped.helpers.first?.helperId == "A1")
        #expect(helped.helpers.first?.assignedOn == fixture.today.description)
        _ = try await fixture.call(
            "AssignHelper", Security.AssignHelperRequest(caseId: "K1", name: "陈志愿", role: .volunteer), as: Security.SupervisionCase.self)

        let date = fixture.today.adding(days: -1).description
        let checkIn: Security.CheckIn = try await fixture.call(
            "RecordCheckIn", Security.RecordCheckInRequest(caseId: "K1", date: date, outcome: .present, note: "按时报到"))
        #expect(checkIn.checkInId == "C1" && checkIn.caseId == "K1" && checkIn.outcome == .present && checkIn.date == date)

        let got: Security.SupervisionCase = try await fixture.call("GetCase", Security.GetCaseRequest(caseId: "K1"))
        #expect(got.helpers.map(\.role) == [.policeOfficer, .volunteer])
        #expect(got.lastCheckIn == date)
        let listed: Security.ListCheckInsResponse = try await fixture.call("ListCheckIns", Security.ListCheckInsRequest(caseId: "K1"))
        #expect(listed.checkIns.map(\.checkInId) == ["C1"])
    }

    @Test("a correction case read by a clerk is PERMISSION_DENIED, whatever the method", arguments: ["clerk", "grid-worker", "admin", "health,auditor", ""])
    func otherRolesDenied(roles: String) async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        _ = try await Self.open(fixture)
        let caller = Caller(id: "someone", roles: roles)
        let context = fixture.context("GetCase", as: caller)
        let get = await refusal {
            try await fixture.call("GetCase", Security.GetCaseRequest(caseId: "K1"), as: Security.SupervisionCase.self, context: context)
        }
        #expect(get?.code == .permissionDenied, "\(String(describing: get))")
        #expect(context.residents.reported.isEmpty)
        let list = await refusal {
            try await fixture.call("ListCases", Security.ListCasesRequest(communityCode: Self.a), as: Security.ListCasesResponse.self, caller: caller)
        }
        #expect(list?.code == .permissionDenied)
        let missed = await refusal {
            try await fixture.call(
                "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: Self.a), as: Security.ListMissedCheckInsResponse.self, caller: caller)
        }
        #expect(missed?.code == .permissionDenied)
        let checkIns = await refusal {
            try await fixture.call("ListCheckIns", Security.ListCheckInsRequest(caseId: "K1"), as: Security.ListCheckInsResponse.self, caller: caller)
        }
        #expect(checkIns?.code == .permissionDenied)
        let open = await refusal {
            try await fixture.call("OpenCase", try Self.opening(2, today: fixture.today), as: Security.SupervisionCase.self, caller: caller)
        }
        #expect(open?.code == .permissionDenied)
        let close = await refusal {
            try await fixture.call(
                "CloseCase", Security.CloseCaseRequest(caseId: "K1", closure: .revoked, closedOn: fixture.today.description), as: Security.SupervisionCase.self,
                caller: caller)
        }
        #expect(close?.code == .permissionDenied)
        #expect(try await fixture.count("cases") == 1)
    }

    @Test("an officer reads the cases of their own grids; another grid's only with a purpose, which marks the call break-the-glass")
    func gridScopeAndBreakTheGlass() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let inGrid = try await Self.open(fixture, 1, grid: 1)
        let outside = try await Self.open(fixture, 2, grid: 2)
        let mine = Caller.officer(grids: [Residents.grid(Self.a, 1)])

        let own = fixture.context("GetCase", as: mine)
        let read: Security.SupervisionCase = try await fixture.call("GetCase", Security.GetCaseRequest(caseId: inGrid.caseId), context: own)
        #expect(read.caseId == inGrid.caseId && !own.residents.isBreakTheGlass)
        #expect(own.residents.reported == [inGrid.idNumber])

        let noPurpose = fixture.context("GetCase", as: mine)
        let refused = await refusal {
            try await fixture.call("GetCase", Security.GetCaseRequest(caseId: outside.caseId), as: Security.SupervisionCase.self, context: noPurpose)
        }
        #expect(refused?.code == .permissionDenied && refused?.message.contains("purpose") == true, "\(String(describing: refused))")
        #expect(noPurpose.residents.reported.isEmpty && !noPurpose.residents.isBreakTheGlass)

        let withPurpose = fixture.context("GetCase", as: .officer(grids: [Residents.grid(Self.a, 1)], purpose: "协查: 走访核实"))
        let glass: Security.SupervisionCase = try await fixture.call("GetCase", Security.GetCaseRequest(caseId: outside.caseId), context: withPurpose)
        #expect(glass.caseId == outside.caseId && glass.idNumber == outside.idNumber)
        #expect(withPurpose.residents.isBreakTheGlass)
        #expect(withPurpose.residents.reported == [outside.idNumber])

        // lists: a limited officer names a grid; another grid's list needs a purpose too
        let whole = await refusal {
            try await fixture.call("ListCases", Security.ListCasesRequest(communityCode: Self.a), as: Security.ListCasesResponse.self, caller: mine)
        }
        #expect(whole?.code == .invalidArgument && whole?.fields == ["grid_code"])
        let ownList: Security.ListCasesResponse = try await fixture.call(
            "ListCases", Security.ListCasesRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 1)), caller: mine)
        #expect(ownList.cases.map(\.caseId) == [inGrid.caseId])
        let otherList = await refusal {
            try await fixture.call(
                "ListCases", Security.ListCasesRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 2)), as: Security.ListCasesResponse.self,
                caller: mine)
        }
        #expect(otherList?.code == .permissionDenied)
        // writes on another grid's case need the purpose as well, and write nothing without one
        let checkIn = await refusal {
            try await fixture.call(
                "RecordCheckIn", Security.RecordCheckInRequest(caseId: outside.caseId, date: fixture.today.description, outcome: .present),
                as: Security.CheckIn.self, caller: mine)
        }
        #expect(checkIn?.code == .permissionDenied)
        #expect(try await fixture.count("check_ins") == 0)
    }

    @Test("missed check-ins: active cases whose periods ended without a kept check-in, with counts and overdue days")
    func missedCheckIns() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        // Term started 70 days ago, weekly: 10 periods have ended.
        let diligent = try await Self.open(fixture, 1)
        let lapsed = try await Self.open(fixture, 2, grid: 2)
        let start = fixture.today.adding(days: -70)
        for week in 0..<10 {
            _ = try await fixture.call(
                "RecordCheckIn", Security.RecordCheckInRequest(caseId: diligent.caseId, date: start.adding(days: week * 7 + 2).description, outcome: .present),
                as: Security.CheckIn.self)
        }
        // The lapsed one kept the first 7 weeks (one excused), was absent in week 8 and silent since.
        for week in 0..<7 {
            _ = try await fixture.call(
                "RecordCheckIn",
                Security.RecordCheckInRequest(caseId: lapsed.caseId, date: start.adding(days: week * 7).description, outcome: week == 3 ? .excused : .late),
                as: Security.CheckIn.self)
        }
        _ = try await fixture.call(
            "RecordCheckIn", Security.RecordCheckInRequest(caseId: lapsed.caseId, date: start.adding(days: 50).description, outcome: .absent),
            as: Security.CheckIn.self)
        let context = fixture.context("ListMissedCheckIns", as: .officer)
        let missed: Security.ListMissedCheckInsResponse = try await fixture.call(
            "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: Self.a), context: context)
        #expect(missed.asOf == fixture.today.description)
        #expect(missed.cases.compactMap(\.supervisionCase?.caseId) == [lapsed.caseId])
        let entry = try #require(missed.cases.first)
        #expect(entry.missed == 3)
        #expect(entry.missedPeriodEnds == [55, 62, 69].map { start.adding(days: $0).description })
        #expect(entry.daysOverdue == 1)
        #expect(context.residents.reported == [lapsed.idNumber])

        // judged by an earlier day, fewer periods had ended
        let earlier: Security.ListMissedCheckInsResponse = try await fixture.call(
            "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: Self.a, asOf: start.adding(days: 57).description))
        #expect(earlier.cases.first?.missed == 1)
        // a closed case is no longer listed
        _ = try await fixture.call(
            "CloseCase", Security.CloseCaseRequest(caseId: lapsed.caseId, closure: .revoked, closedOn: fixture.today.description, note: "收监执行"),
            as: Security.SupervisionCase.self)
        let after: Security.ListMissedCheckInsResponse = try await fixture.call(
            "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: Self.a))
        #expect(after.cases.isEmpty)
    }

    @Test("missed check-ins page through many cases in id order")
    func missedPaging() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        for index in 1...5 { _ = try await Self.open(fixture, index, grid: 1 + index % 2) }
        var seen: [String] = []
        var token = ""
        repeat {
            let page: Security.ListMissedCheckInsResponse = try await fixture.call(
                "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: Self.a, pageSize: 2, pageToken: token))
            #expect(page.cases.count <= 2)
            seen += page.cases.compactMap(\.supervisionCase?.caseId)
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(seen == ["K1", "K2", "K3", "K4", "K5"])
        let grid2: Security.ListMissedCheckInsResponse = try await fixture.call(
            "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 2)))
        #expect(grid2.cases.compactMap(\.supervisionCase?.caseId) == ["K1", "K3", "K5"])
    }

    @Test("close: term completed only once it is over; a closed case takes no check-in, helper or second close")
    func closing() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let opened = try await Self.open(fixture)
        let early = await refusal {
            try await fixture.call(
                "CloseCase", Security.CloseCaseRequest(caseId: opened.caseId, closure: .termCompleted, closedOn: fixture.today.description),
                as: Security.SupervisionCase.self)
        }
        #expect(early?.code == .failedPrecondition && early?.fields == ["closure"])
        let closed: Security.SupervisionCase = try await fixture.call(
            "CloseCase", Security.CloseCaseRequest(caseId: opened.caseId, closure: .transferred, closedOn: fixture.today.description, note: "迁出"))
        #expect(closed.status == .closed && closed.closure == .transferred && closed.closedOn == fixture.today.description && closed.closingNote == "迁出")
        let again = await refusal {
            try await fixture.call(
                "CloseCase", Security.CloseCaseRequest(caseId: opened.caseId, closure: .revoked, closedOn: fixture.today.description),
                as: Security.SupervisionCase.self)
        }
        #expect(again?.code == .failedPrecondition && again?.message.contains("CLOSED") == true)
        let checkIn = await refusal {
            try await fixture.call(
                "RecordCheckIn", Security.RecordCheckInRequest(caseId: opened.caseId, date: fixture.today.description, outcome: .present),
                as: Security.CheckIn.self)
        }
        #expect(checkIn?.code == .failedPrecondition && checkIn?.fields == ["case_id"])
        let helper = await refusal {
            try await fixture.call(
                "AssignHelper", Security.AssignHelperRequest(caseId: opened.caseId, name: "李四", role: .family), as: Security.SupervisionCase.self)
        }
        #expect(helper?.code == .failedPrecondition)
        // the resident may now have a new case of the same kind
        let reopened = try await Self.open(fixture)
        #expect(reopened.caseId == "K2")
    }

    @Test("bad requests name every bad field; unknown cases are NOT_FOUND; one active case per resident and programme")
    func refusals() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let bad = await refusal {
            try await fixture.call(
                "OpenCase",
                Security.OpenCaseRequest(
                    idNumber: Residents.withWrongCheck(try Residents.idNumber(3)), name: "", communityCode: Self.a, gridCode: "330902001002001",
                    termStart: "2026-02-30", termEnd: "2026-01-01", checkInIntervalDays: 400),
                as: Security.SupervisionCase.self)
        }
        #expect(bad?.code == .invalidArgument)
        #expect(bad?.fields == ["kind", "id_number", "name", "grid_code", "term_start", "check_in_interval_days"], "\(String(describing: bad))")
        let reversed = await refusal {
            var request = try Self.opening(today: fixture.today)
            request.termEnd = fixture.today.adding(days: -100).description
            return try await fixture.call("OpenCase", request, as: Security.SupervisionCase.self)
        }
        #expect(reversed?.fields == ["term_end"])
        let unknownGrid = await refusal {
            var request = try Self.opening(today: fixture.today)
            request.gridCode = Residents.grid(Self.a, 9)
            return try await fixture.call("OpenCase", request, as: Security.SupervisionCase.self)
        }
        #expect(unknownGrid?.code == .invalidArgument && unknownGrid?.fields == ["grid_code"])

        _ = try await Self.open(fixture)
        let twice = await refusal { try await Self.open(fixture) }
        #expect(twice?.code == .alreadyExists && twice?.fields == ["id_number"])
        _ = try await Self.open(fixture, 1, kind: .resettlement)

        let missing = await refusal { try await fixture.call("GetCase", Security.GetCaseRequest(caseId: "K99"), as: Security.SupervisionCase.self) }
        #expect(missing?.code == .notFound && missing?.fields == ["case_id"])
        let malformed = await refusal { try await fixture.call("GetCase", Security.GetCaseRequest(caseId: "S1"), as: Security.SupervisionCase.self) }
        #expect(malformed?.code == .invalidArgument)
        let future = await refusal {
            try await fixture.call(
                "RecordCheckIn", Security.RecordCheckInRequest(caseId: "K1", date: fixture.today.adding(days: 1).description), as: Security.CheckIn.self)
        }
        #expect(future?.fields == ["date", "outcome"])
        let beforeTerm = await refusal {
            try await fixture.call(
                "RecordCheckIn", Security.RecordCheckInRequest(caseId: "K1", date: fixture.today.adding(days: -100).description, outcome: .present),
                as: Security.CheckIn.self)
        }
        #expect(beforeTerm?.code == .failedPrecondition && beforeTerm?.fields == ["date"])
        #expect(try await fixture.count("check_ins") == 0)
    }

    @Test("a retried write with the same idempotency key opens one case and checks in once")
    func idempotency() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let request = try Self.opening(today: fixture.today)
        let first: Security.SupervisionCase = try await fixture.call("OpenCase", request, idempotencyKey: "open-1")
        let second: Security.SupervisionCase = try await fixture.call("OpenCase", request, idempotencyKey: "open-1")
        #expect(first == second)
        #expect(try await fixture.count("cases") == 1)
        let checkIn = Security.RecordCheckInRequest(caseId: first.caseId, date: fixture.today.description, outcome: .present)
        let c1: Security.CheckIn = try await fixture.call("RecordCheckIn", checkIn, idempotencyKey: "ci-1")
        let c2: Security.CheckIn = try await fixture.call("RecordCheckIn", checkIn, idempotencyKey: "ci-1")
        #expect(c1 == c2)
        #expect(try await fixture.count("check_ins") == 1)
    }

    @Test("check-ins list newest first, a page at a time")
    func checkInPaging() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let opened = try await Self.open(fixture)
        for day in [3, 1, 2, 1] {
            _ = try await fixture.call(
                "RecordCheckIn", Security.RecordCheckInRequest(caseId: opened.caseId, date: fixture.today.adding(days: -day).description, outcome: .present),
                as: Security.CheckIn.self)
        }
        var seen: [String] = []
        var token = ""
        repeat {
            let page: Security.ListCheckInsResponse = try await fixture.call(
                "ListCheckIns", Security.ListCheckInsRequest(caseId: opened.caseId, pageSize: 3, pageToken: token))
            seen += page.checkIns.map(\.checkInId)
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(seen == ["C4", "C2", "C3", "C1"])
    }
}
