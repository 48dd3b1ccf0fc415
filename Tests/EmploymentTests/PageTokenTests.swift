import EmploymentContract
import EmploymentKit
import Storage
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("Employment lists refuse page tokens that are not positions in them")
struct PageTokenTests {
    @Test("a well-formed token holding no positive id is INVALID_ARGUMENT page_token, in every list", arguments: ["0", "-5", "abc"])
    func forged(value: String) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let token = PageToken(values: [value]).encoded
        func field(_ body: () async throws -> Void) async -> String? {
            do { try await body(); return nil } catch let error as RPCError {
                return error.code == .invalidArgument ? error.violations.first?.field : "code \(error.code)"
            } catch { return "\(error)" }
        }
        #expect(
            await field {
                _ = try await fixture.call("ListVacancies", Employment.ListVacanciesRequest(pageToken: token), as: Employment.ListVacanciesResponse.self)
            } == "page_token")
        #expect(
            await field { _ = try await fixture.call("ListCourses", Employment.ListCoursesRequest(pageToken: token), as: Employment.ListCoursesResponse.self) }
                == "page_token")
        #expect(
            await field {
                _ = try await fixture.call(
                    "ListJobSeekers", Employment.ListJobSeekersRequest(communityCode: EmploymentFixture.communityA, pageToken: token),
                    as: Employment.ListJobSeekersResponse.self)
            } == "page_token")
    }
}
