import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("Training (培训) and start-up loan referrals (小额担保贷款)")
struct TrainingLoanTests {
    static let a = EmploymentFixture.communityA

    func course(
        _ fixture: EmploymentFixture, kind: Employment.CourseKind = .startUp, capacity: UInt32 = 10,
        start: String = "2026-12-01", end: String = "2026-12-10", community: String = EmploymentFixture.communityA
    ) async throws -> Employment.Course {
        try await fixture.call(
            "CreateCourse",
            Employment.CreateCourseRequest(
                title: kind == .startUp ? "创业培训" : "技能培训", kind: kind, skills: ["business"], communityCode: community,
                startDate: start, endDate: end, capacity: capacity))
    }

    func enroll(_ fixture: EmploymentFixture, _ course: Employment.Course, _ seeker: Employment.JobSeeker) async throws -> Employment.Enrollment {
        try await fixture.call("Enroll", Employment.EnrollRequest(courseId: course.courseId, seekerId: seeker.seekerId))
    }

    func complete(_ fixture: EmploymentFixture, _ enrollment: Employment.Enrollment, passed: Bool = true) async throws -> Employment.Enrollment {
        try await fixture.call("CompleteEnrollment", Employment.CompleteEnrollmentRequest(enrollmentId: enrollment.enrollmentId, passed: passed))
    }

    func refer(_ fixture: EmploymentFixture, _ seeker: Employment.JobSeeker, amount: Int64 = 5_000_000) async throws -> Employment.LoanReferral {
        try await fixture.call("ReferStartUpLoan", Employment.ReferStartUpLoanRequest(seekerId: seeker.seekerId, amountFen: amount, purpose: "开小吃店"))
    }

    func decide(_ fixture: EmploymentFixture, _ referral: Employment.LoanReferral, _ status: Employment.LoanStatus) async throws -> Employment.LoanReferral {
        try await fixture.call(
            "UpdateLoanReferral", Employment.UpdateLoanReferralRequest(referralId: referral.referralId, status: status, note: "bank decision"))
    }

    /// A seeker who has completed start-up training, ready for a referral.
    func eligibleSeeker(_ fixture: EmploymentFixture, index: Int = 1) async throws -> (Employment.JobSeeker, Employment.Enrollment) {
        let seeker = try await fixture.register(index)
        let startUp = try await course(fixture)
        let done = try await complete(fixture, try await enroll(fixture, startUp, seeker))
        return (seeker, done)
    }

    // MARK: Courses

    @Test("create a course; list it")
    func createCourse() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let created = try await course(fixture, kind: .womensEmployment, capacity: 25, start: "2026-12-01", end: "2026-12-01")
        #expect(created.courseId.hasPrefix("C"))
        #expect(created.kind == .womensEmployment)
        #expect(created.capacity == 25 && created.enrolled == 0)
        #expect(created.startDate == "2026-12-01" && created.endDate == "2026-12-01")
        let listed: Employment.ListCoursesResponse = try await fixture.call("ListCourses", Employment.ListCoursesRequest(communityCode: Self.a))
        #expect(listed.courses == [created])
        let elsewhere: Employment.ListCoursesResponse = try await fixture.call(
            "ListCourses", Employment.ListCoursesRequest(communityCode: EmploymentFixture.communityB))
        #expect(elsewhere.courses.isEmpty)
    }

    @Test(
        "bad courses are INVALID_ARGUMENT naming the field; nothing written",
        arguments: [
            (
                "end_date",
                Employment.CreateCourseRequest(
                    title: "x", kind: .skills, communityCode: EmploymentFixture.communityA, startDate: "2026-12-10", endDate: "2026-12-09", capacity: 5)
            ),
            (
                "start_date",
                Employment.CreateCourseRequest(
                    title: "x", kind: .skills, communityCode: EmploymentFixture.communityA, startDate: "2026-13-01", endDate: "2026-12-09", capacity: 5)
            ),
            (
                "capacity",
                Employment.CreateCourseRequest(
                    title: "x", kind: .skills, communityCode: EmploymentFixture.communityA, startDate: "2026-12-01", endDate: "2026-12-09", capacity: 0)
            ),
            (
                "kind",
                Employment.CreateCourseRequest(
                    title: "x", kind: .unspecified, communityCode: EmploymentFixture.communityA, startDate: "2026-12-01", endDate: "2026-12-09", capacity: 5)
            ),
            (
                "community_code",
                Employment.CreateCourseRequest(
                    title: "x", kind: .skills, communityCode: "330902001009", startDate: "2026-12-01", endDate: "2026-12-09", capacity: 5)
            ),
        ])
    func badCourse(field: String, request: Employment.CreateCourseRequest) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let error = try #require(await refusal { () -> Employment.Course in try await fixture.call("CreateCourse", request) })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == [field], "\(error)")
        #expect(try await fixture.count("courses") == 0)
    }

    @Test("enrol up to capacity; a full course is FAILED_PRECONDITION; enrolling twice is ALREADY_EXISTS")
    func enrolment() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let s1 = try await fixture.register(1), s2 = try await fixture.register(2), s3 = try await fixture.register(3)
        let small = try await course(fixture, kind: .skills, capacity: 2)
        let e1 = try await enroll(fixture, small, s1)
        #expect(e1.enrollmentId.hasPrefix("E"))
        #expect(e1.status == .enrolled)
        #expect(e1.courseId == small.courseId && e1.seekerId == s1.seekerId)
        _ = try await enroll(fixture, small, s2)

        let full = try #require(await refusal { try await enroll(fixture, small, s3) })
        #expect(full.code == .failedPrecondition)
        #expect(full.fields == ["course_id"])
        let twice = try #require(await refusal { try await enroll(fixture, small, s1) })
        #expect(twice.code == .alreadyExists)
        #expect(twice.fields == ["seeker_id"])
        #expect(try await fixture.count("enrollments") == 2)
        let listed: Employment.ListCoursesResponse = try await fixture.call("ListCourses", Employment.ListCoursesRequest(communityCode: Self.a))
        #expect(listed.courses.first?.enrolled == 2)

        let unknown = try #require(
            await refusal { () -> Employment.Enrollment in
                try await fixture.call("Enroll", Employment.EnrollRequest(courseId: "C999", seekerId: s3.seekerId))
            })
        #expect(unknown.code == .notFound)
        #expect(unknown.fields == ["course_id"])
    }

    @Test("complete an enrolment (passed or failed), once")
    func completion() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let s1 = try await fixture.register(1), s2 = try await fixture.register(2)
        let c = try await course(fixture)
        fixture.clock.advance(hours: 24 * 10)
        let passed = try await complete(fixture, try await enroll(fixture, c, s1))
        #expect(passed.status == .completed)
        #expect(passed.completedAtMs == UInt64((fixture.clock.now.timeIntervalSince1970 * 1000).rounded()))
        let failed = try await complete(fixture, try await enroll(fixture, c, s2), passed: false)
        #expect(failed.status == .failed)
        let again = try #require(await refusal { try await complete(fixture, passed) })
        #expect(again.code == .failedPrecondition)
        #expect(again.fields == ["enrollment_id"])
    }

    // MARK: Loan referrals

    @Test("a referral needs completed START_UP training: none, SKILLS only, enrolled only or failed are all refused naming seeker_id")
    func referralNeedsStartUpTraining() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let seeker = try await fixture.register(1)

        func expectRefused(_ stage: Comment) async throws {
            let error = try #require(await refusal { try await refer(fixture, seeker) }, stage)
            #expect(error.code == .failedPrecondition, stage)
            #expect(error.fields == ["seeker_id"], stage)
            #expect(try await fixture.count("loan_referrals") == 0, stage)
        }

        try await expectRefused("no training at all")
        _ = try await complete(fixture, try await enroll(fixture, try await course(fixture, kind: .skills), seeker))
        try await expectRefused("a completed SKILLS course")
        _ = try await complete(fixture, try await enroll(fixture, try await course(fixture, kind: .womensEmployment), seeker))
        try await expectRefused("a completed women's employment course")
        let failing = try await course(fixture, kind: .startUp)
        _ = try await complete(fixture, try await enroll(fixture, failing, seeker), passed: false)
        try await expectRefused("a failed START_UP course")
        let ongoing = try await enroll(fixture, try await course(fixture, kind: .startUp), seeker)
        try await expectRefused("a START_UP course not yet completed")

        let done = try await complete(fixture, ongoing)
        let referral = try await refer(fixture, seeker, amount: 8_000_000)
        #expect(referral.referralId.hasPrefix("L"))
        #expect(referral.status == .referred)
        #expect(referral.seekerId == seeker.seekerId)
        #expect(referral.enrollmentId == done.enrollmentId)
        #expect(referral.amountFen == 8_000_000)
        #expect(referral.purpose == "开小吃店")
        let listed: Employment.ListLoanReferralsResponse = try await fixture.call(
            "ListLoanReferrals", Employment.ListLoanReferralsRequest(seekerId: seeker.seekerId))
        #expect(listed.referrals == [referral])
    }

    @Test(
        "the amount must be positive and at most the policy's maximum: INVALID_ARGUMENT amount_fen, nothing written",
        arguments: [Int64(0), -1, -5_000_000, 30_000_001, Int64.max])
    func badAmount(amount: Int64) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let (seeker, _) = try await eligibleSeeker(fixture)
        let error = try #require(await refusal { try await refer(fixture, seeker, amount: amount) })
        #expect(error.code == .invalidArgument)
        #expect(error.fields == ["amount_fen"], "\(error)")
        #expect(try await fixture.count("loan_referrals") == 0)
    }

    @Test("the maximum itself (300,000 yuan) is accepted")
    func maximumAmount() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let (seeker, _) = try await eligibleSeeker(fixture)
        #expect(try await refer(fixture, seeker, amount: 30_000_000).amountFen == 30_000_000)
    }

    @Test("referral transitions: REFERRED → APPROVED → DISBURSED; REFERRED → REJECTED")
    func allowedTransitions() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let (seeker, _) = try await eligibleSeeker(fixture)
        let referral = try await refer(fixture, seeker)
        let approved = try await decide(fixture, referral, .approved)
        #expect(approved.status == .approved)
        #expect(approved.note == "bank decision")
        let disbursed = try await decide(fixture, approved, .disbursed)
        #expect(disbursed.status == .disbursed)

        let second = try await refer(fixture, seeker, amount: 1_000_000)
        #expect(try await decide(fixture, second, .rejected).status == .rejected)
        let listed: Employment.ListLoanReferralsResponse = try await fixture.call(
            "ListLoanReferrals", Employment.ListLoanReferralsRequest(seekerId: seeker.seekerId))
        #expect(listed.referrals.map(\.status) == [.disbursed, .rejected])
    }

    @Test(
        "refused transitions are FAILED_PRECONDITION and change nothing",
        arguments: [
            ([Employment.LoanStatus](), Employment.LoanStatus.disbursed),
            ([.rejected], .approved),
            ([.rejected], .disbursed),
            ([.approved], .approved),
            ([.approved], .rejected),
            ([.approved, .disbursed], .approved),
            ([.approved, .disbursed], .rejected),
        ])
    func refusedTransitions(path: [Employment.LoanStatus], next: Employment.LoanStatus) async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let (seeker, _) = try await eligibleSeeker(fixture)
        var referral = try await refer(fixture, seeker)
        for step in path { referral = try await decide(fixture, referral, step) }
        let error = try #require(await refusal { try await decide(fixture, referral, next) })
        #expect(error.code == .failedPrecondition, "\(error)")
        let listed: Employment.ListLoanReferralsResponse = try await fixture.call(
            "ListLoanReferrals", Employment.ListLoanReferralsRequest(seekerId: seeker.seekerId))
        #expect(listed.referrals.map(\.status) == [path.last ?? .referred])
    }

    @Test("a decision must be APPROVED, REJECTED or DISBURSED: INVALID_ARGUMENT status")
    func invalidDecision() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let (seeker, _) = try await eligibleSeeker(fixture)
        let referral = try await refer(fixture, seeker)
        for status in [Employment.LoanStatus.referred, .unspecified] {
            let error = try #require(await refusal { try await decide(fixture, referral, status) })
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["status"])
        }
        let missing = try #require(
            await refusal { () -> Employment.LoanReferral in
                try await fixture.call("UpdateLoanReferral", Employment.UpdateLoanReferralRequest(referralId: "L999", status: .approved))
            })
        #expect(missing.code == .notFound)
    }

    @Test("ListLoanReferrals pages: three referrals with page_size 2 come back over two pages, none lost")
    func loanReferralPages() async throws {
        let fixture = try await EmploymentFixture()
        defer { fixture.close() }
        let (seeker, _) = try await eligibleSeeker(fixture)
        var referred: [String] = []
        for amount in [Int64(1_000_000), 2_000_000, 3_000_000] { referred.append(try await refer(fixture, seeker, amount: amount).referralId) }
        let first: Employment.ListLoanReferralsResponse = try await fixture.call(
            "ListLoanReferrals", Employment.ListLoanReferralsRequest(seekerId: seeker.seekerId, pageSize: 2))
        #expect(first.referrals.map(\.referralId) == Array(referred.prefix(2)))
        #expect(!first.nextPageToken.isEmpty)
        let second: Employment.ListLoanReferralsResponse = try await fixture.call(
            "ListLoanReferrals", Employment.ListLoanReferralsRequest(seekerId: seeker.seekerId, pageSize: 2, pageToken: first.nextPageToken))
        #expect(second.referrals.map(\.referralId) == [referred[2]])
        #expect(second.nextPageToken.isEmpty)
    }
}
