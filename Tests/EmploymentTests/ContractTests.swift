import DepartmentKit
import EmploymentKit
import Foundation
import Testing
import Wire

@Suite("Contract: the employment method table matches proto/employment.proto")
struct ContractTests {
    static let contractMethods = [
        "RegisterJobSeeker", "UpdateJobSeeker", "WithdrawJobSeeker", "GetJobSeeker", "ListJobSeekers",
        "PostVacancy", "UpdateVacancy", "CloseVacancy", "GetVacancy", "ListVacancies",
        "MatchVacancies", "MatchSeekers", "RecordPlacement", "ListPromises",
        "CreateCourse", "ListCourses", "Enroll", "CompleteEnrollment",
        "ReferStartUpLoan", "UpdateLoanReferral", "ListLoanReferrals", "GetCommunityStatus",
    ]

    @Test("the service is named employment and its contract is employment.Employment")
    func names() {
        #expect(EmploymentService.name == "employment")
        #expect(EmploymentService.contract == "employment.Employment")
    }

    @Test("DepartmentService.check accepts the definition (the check a starting service makes)")
    func checkPasses() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        #expect(fixture.service.name == "employment")
        try DepartmentService.check(fixture.service, against: EmploymentService.contract)
        let schema = try #require(ProtoRegistry.shared.services[EmploymentService.contract])
        #expect(fixture.service.mismatches(against: schema).isEmpty)
    }

    @Test("the contract has the 22 methods of the issue, and each is implemented with the contract's types")
    func everyMethod() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let schema = try #require(ProtoRegistry.shared.services["employment.Employment"])
        #expect(schema.methods.count == 22)
        #expect(Set(schema.methods.map(\.name)) == Set(Self.contractMethods))
        for method in schema.methods {
            let declared = try #require(fixture.service.methods[method.name], "\(method.name) is not implemented")
            #expect(declared.requestType == method.requestType, "\(method.name)")
            #expect(declared.responseType == method.responseType, "\(method.name)")
            #expect(declared.requestType.hasPrefix("employment."))
        }
        #expect(fixture.service.methods.count == schema.methods.count)
    }

    @Test("check would refuse a table with a method missing or one too many")
    func checkCanFail() throws {
        var partial = ServiceDefinition(name: "employment")
        partial.method("GetJobSeeker") { (_: GetJobSeekerRequest, _) in JobSeeker() }
        #expect(throws: RPCError.self) { try DepartmentService.check(partial, against: EmploymentService.contract) }
        var extra = ServiceDefinition(name: "employment")
        extra.method("Nope") { (_: GetJobSeekerRequest, _) in JobSeeker() }
        let schema = try #require(ProtoRegistry.shared.services[EmploymentService.contract])
        #expect(extra.mismatches(against: schema).contains { $0.contains("Nope") })
    }
}
