import EmploymentContract
import EmploymentKit
import GRDB
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("Employment names every bad field at once")
struct ValidationOrderTests {
    @Test("an unknown community is reported together with the other bad fields, and nothing is written")
    func together() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let request = Employment.RegisterJobSeekerRequest(
            idNumber: "110105194912310021", name: "王芳", communityCode: "330902009009",
            gridCode: "330902009009001", category: .unemployed)
        do {
            _ = try await fixture.call("RegisterJobSeeker", request, as: Employment.JobSeeker.self)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument)
            #expect(Set(error.violations.map(\.field)) == ["id_number", "community_code"])
        }
        let vacancy = Employment.PostVacancyRequest(kind: .enterprise, title: "t", employer: "e", communityCode: "330902009009", positions: 1, wageFen: -1)
        do {
            _ = try await fixture.call("PostVacancy", vacancy, as: Employment.Vacancy.self)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(Set(error.violations.map(\.field)) == ["wage_fen", "community_code"])
        }
        let rows = try await fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM seekers) + (SELECT COUNT(*) FROM vacancies)")
        }
        #expect(rows == 0)
    }
}
