import DepartmentKit

/// The office's public ids: "S42" a job seeker, "V7" a vacancy, and so on.
extension EntityKind {
    static let jobSeeker = EntityKind(prefix: "S", noun: "job seeker")
    static let vacancy = EntityKind(prefix: "V", noun: "vacancy")
    static let placement = EntityKind(prefix: "P", noun: "placement")
    static let course = EntityKind(prefix: "C", noun: "course")
    static let enrollment = EntityKind(prefix: "E", noun: "enrolment")
    static let loanReferral = EntityKind(prefix: "L", noun: "loan referral")
    static let offer = EntityKind(prefix: "O", noun: "offer")
    static let service = EntityKind(prefix: "D", noun: "service delivered")
}
