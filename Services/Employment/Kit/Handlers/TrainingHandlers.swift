import EmploymentContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Training (技能培训, 创业培训, 妇女就业培训): courses, enrolment, completion.
extension EmploymentOffice {
    public func createCourse(_ request: Employment.CreateCourseRequest, context: CallContext) async throws -> Employment.Course {
        var validation = Validation()
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        let skills = validation.tags(request.skills, field: "skills")
        let community = validation.community(request.communityCode, field: "community_code")
        let start = validation.date(request.startDate, field: "start_date")
        let end = validation.date(request.endDate, field: "end_date")
        if let start, let end { validation.require(end >= start, field: "end_date", "must not be before start_date") }
        validation.require((1...1000).contains(request.capacity), field: "capacity", "must be 1…1000 (got \(request.capacity))")
        try await Self.checkServed(community, field: "community_code", in: database, &validation)
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            _ = try Self.requireKnownCommunity(db, community!, field: "community_code")
            var course = TrainingStore.CourseRecord(id: 0, title: request.title, kind: request.kind, skills: skills, community: community!,
                                                    startDate: start!, endDate: end!, capacity: Int(request.capacity), enrolled: 0)
            course.id = try TrainingStore.insertCourse(db, course)
            return course.message
        }
    }

    public func listCourses(_ request: Employment.ListCoursesRequest, context: CallContext) async throws -> Employment.ListCoursesResponse {
        var validation = Validation()
        let community = request.communityCode.isEmpty ? nil : validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        var rows = try await database.read { db in try TrainingStore.courses(db, community: community, afterID: after, limit: page!.size + 1) }
        let next = page!.nextToken(&rows) { [String($0.id)] }
        return Employment.ListCoursesResponse(courses: rows.map(\.message), nextPageToken: next)
    }

    public func enroll(_ request: Employment.EnrollRequest, context: CallContext) async throws -> Employment.Enrollment {
        var validation = Validation()
        let courseID = validation.entityID(request.courseId, prefix: "C", field: "course_id", what: "course")
        let seekerID = validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard let course = try TrainingStore.course(db, id: courseID!) else { throw Self.notFound("course", field: "course_id", request.courseId) }
            guard let seeker = try SeekerStore.find(db, id: seekerID!) else { throw Self.notFound("job seeker", field: "seeker_id", request.seekerId) }
            guard seeker.status != .withdrawn else {
                throw RPCError(.failedPrecondition, "the seeker has withdrawn", violations: [Wire.FieldViolation(field: "seeker_id", description: "withdrawn")])
            }
            if try TrainingStore.enrollment(db, courseID: course.id, seekerID: seeker.id) != nil {
                throw RPCError(.alreadyExists, "the seeker is already enrolled in this course", violations: [Wire.FieldViolation(field: "seeker_id", description: "already enrolled")])
            }
            guard try TrainingStore.takeSeat(db, courseID: course.id) else {
                throw RPCError(.failedPrecondition, "the course is full (capacity \(course.capacity))", violations: [Wire.FieldViolation(field: "course_id", description: "full")])
            }
            let id = try TrainingStore.insertEnrollment(db, courseID: course.id, seekerID: seeker.id, at: now())
            return try TrainingStore.enrollment(db, id: id)!.message
        }
    }

    public func completeEnrollment(_ request: Employment.CompleteEnrollmentRequest, context: CallContext) async throws -> Employment.Enrollment {
        var validation = Validation()
        let id = validation.entityID(request.enrollmentId, prefix: "E", field: "enrollment_id", what: "enrolment")
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard let enrollment = try TrainingStore.enrollment(db, id: id!) else { throw Self.notFound("enrolment", field: "enrollment_id", request.enrollmentId) }
            guard enrollment.status == .enrolled else {
                throw RPCError(.failedPrecondition, "the enrolment is already finished (\(enrollment.status))", violations: [Wire.FieldViolation(field: "enrollment_id", description: "finished")])
            }
            try TrainingStore.complete(db, id: enrollment.id, status: request.passed ? .completed : .failed, at: now())
            return try TrainingStore.enrollment(db, id: enrollment.id)!.message
        }
    }
}
