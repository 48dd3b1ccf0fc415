import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Training (技能培训, 创业培训, 妇女就业培训): courses, enrolment, completion.
extension EmploymentOffice {
    public func createCourse(_ request: Employment.CreateCourseRequest, context: CallContext) async throws -> Employment.Course {
        let creation = try await CreateCourse(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try Self.mirror(db, creation.community, name: creation.communityName)
            let course = TrainingStore.CourseRecord(
                id: 0, title: creation.title, kind: creation.kind, skills: creation.skills, community: creation.community,
                startDate: creation.startDate, endDate: creation.endDate, capacity: creation.capacity, enrolled: 0)
            return try TrainingStore.insertCourse(db, course)
        } render: { db, id in
            guard let course = try TrainingStore.course(db, id: id) else { throw RPCError.notReadBack(EntityKind.course.id(id)) }
            return course.message
        }
    }

    public func listCourses(_ request: Employment.ListCoursesRequest, context: CallContext) async throws -> Employment.ListCoursesResponse {
        var validation = Validation()
        let community = request.communityCode.isEmpty ? nil : validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let rows = try await database.read { db in try TrainingStore.courses(db, community: community, afterID: after, limit: pageRequest.fetchLimit) }
        let courses = pageRequest.page(of: rows, rowID: \.id).map(\.message)
        return Employment.ListCoursesResponse(courses: courses.rows, nextPageToken: courses.nextToken)
    }

    public func enroll(_ request: Employment.EnrollRequest, context: CallContext) async throws -> Employment.Enrollment {
        let enrolment = try Enroll(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let course = try TrainingStore.course(db, id: enrolment.course.row) else { throw RPCError.notFound(enrolment.course, field: "course_id") }
            guard let seeker = try SeekerStore.find(db, id: enrolment.seeker.row) else { throw RPCError.notFound(enrolment.seeker, field: "seeker_id") }
            context.reportResidents([seeker.idNumber.rawValue])
            try TrainingRules.checkEnrollment(of: seeker, alreadyEnrolled: try TrainingStore.enrollment(db, courseID: course.id, seekerID: seeker.id) != nil)
            guard try TrainingStore.takeSeat(db, courseID: course.id) else { throw TrainingRefusal.courseFull(capacity: course.capacity) }
            return try TrainingStore.insertEnrollment(db, courseID: course.id, seekerID: seeker.id, at: now())
        } render: { db, id in
            try Self.enrollment(db, id).message
        }
    }

    public func completeEnrollment(_ request: Employment.CompleteEnrollmentRequest, context: CallContext) async throws -> Employment.Enrollment {
        let completion = try CompleteEnrollment(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let enrollment = try TrainingStore.enrollment(db, id: completion.enrollment.row) else {
                throw RPCError.notFound(completion.enrollment, field: "enrollment_id")
            }
            try TrainingRules.checkCompletion(of: enrollment.status)
            try TrainingStore.complete(db, id: enrollment.id, status: completion.passed ? .completed : .failed, at: now())
            return enrollment.id
        } render: { db, id in
            try Self.enrollment(db, id).message
        }
    }

    /// The enrolment a write has just written or an idempotent replay refers to.
    static func enrollment(_ db: Database, _ id: Int64) throws -> TrainingStore.EnrollmentRecord {
        guard let record = try TrainingStore.enrollment(db, id: id) else { throw RPCError.notReadBack(EntityKind.enrollment.id(id)) }
        return record
    }
}
