import EmploymentContract
import EmploymentKit
import ProtoReflection
import Testing
import WireProtocol
import WireRuntime

/// The method table the office serves is generated from proto/employment.proto: these tests
/// check what the generator produced against the descriptors protoc-c compiled.
@Suite("Contract: the employment method table matches proto/employment.proto")
struct ContractTests {
    static let contractMethods = [
        "RegisterJobSeeker", "UpdateJobSeeker", "WithdrawJobSeeker", "RecognizeHardship", "RevokeHardship", "GetJobSeeker", "ListJobSeekers",
        "PostVacancy", "UpdateVacancy", "CloseVacancy", "GetVacancy", "ListVacancies",
        "MatchVacancies", "MatchSeekers", "RecordPlacement", "RecordOffer", "ListOffers", "ListPromises",
        "CreateCourse", "ListCourses", "Enroll", "CompleteEnrollment",
        "ReferStartUpLoan", "UpdateLoanReferral", "ListLoanReferrals", "GetCommunityStatus", "GetAreaStatus", "RecordService", "GetServicesDelivered",
        "ListZeroEmploymentHouseholds",
    ]

    @Test("the service is routed as employment")
    func names() {
        #expect(Employment.serviceName == "employment")
    }

    @Test("the office serves every rpc of the contract with the contract's types, and nothing else")
    func everyMethod() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let schema = try #require(ProtoRegistry.shared.services["employment.Employment"])
        #expect(schema.methods.count == 30)
        #expect(Set(schema.methods.map(\.name)) == Set(Self.contractMethods))
        for method in schema.methods {
            let declared = try #require(fixture.service.methods[method.name], "\(method.name) is not implemented")
            #expect(declared.requestType == method.requestType, "\(method.name)")
            #expect(declared.responseType == method.responseType, "\(method.name)")
        }
        #expect(fixture.service.methods.count == schema.methods.count)
        #expect(Employment.methodDescriptors.map(\.name) == schema.methods.map(\.name))
    }
}
