import EmploymentContract
import Domain
import Foundation
import WireClient
import WireProtocol
import WireRuntime

/// Records of the office as the contract's messages.
extension JobSeekerRecord {
    func message(policy: EmploymentPolicy, fullIdentity: Bool) -> Employment.JobSeeker {
        Employment.JobSeeker(
            seekerId: EntityID.format("S", id), idNumber: fullIdentity ? idNumber.rawValue : idNumber.masked, name: fullIdentity ? name : Masking.maskName(name),
            communityCode: community.rawValue, gridCode: grid.rawValue, category: category, skills: skills, wishes: wishes,
            acceptsPromise: acceptsPromise, status: status, registeredAtMs: UInt64(registeredAt.unixMilliseconds),
            promiseDeadlineMs: promiseDeadline(policy).map { UInt64($0.unixMilliseconds) } ?? 0,
            placedAtMs: placedAt.map { UInt64($0.unixMilliseconds) } ?? 0,
            placedVacancyId: placedVacancyID.map { EntityID.format("V", $0) } ?? "",
            phone: fullIdentity || phone.isEmpty ? phone : Masking.maskPhone(phone), hardship: isHardship)
    }
}

extension VacancyRecord {
    var message: Employment.Vacancy {
        Employment.Vacancy(
            vacancyId: EntityID.format("V", id), kind: kind, title: title, employer: employer, communityCode: community.rawValue,
            positions: UInt32(positions), filled: UInt32(filled), requiredSkills: requiredSkills, wageFen: wage.rawValue,
            location: location, status: status, postedAtMs: UInt64(postedAt.unixMilliseconds))
    }
}

extension MatchAssessment {
    var message: Employment.MatchReason {
        Employment.MatchReason(skillsMatched: UInt32(skillsMatched), skillsRequired: UInt32(skillsRequired), hardshipPriority: hardshipPriority,
                    distance: UInt32(distance.rawValue), summary: summary)
    }
}

extension TrainingStore.CourseRecord {
    var message: Employment.Course {
        Employment.Course(courseId: EntityID.format("C", id), title: title, kind: kind, skills: skills, communityCode: community.rawValue,
               startDate: startDate.description, endDate: endDate.description, capacity: UInt32(capacity), enrolled: UInt32(enrolled))
    }
}

extension TrainingStore.EnrollmentRecord {
    var message: Employment.Enrollment {
        Employment.Enrollment(enrollmentId: EntityID.format("E", id), courseId: EntityID.format("C", courseID), seekerId: EntityID.format("S", seekerID),
                   status: status, enrolledAtMs: UInt64(enrolledAt.unixMilliseconds), completedAtMs: completedAt.map { UInt64($0.unixMilliseconds) } ?? 0)
    }
}

extension LoanStore.Referral {
    var message: Employment.LoanReferral {
        Employment.LoanReferral(referralId: EntityID.format("L", id), seekerId: EntityID.format("S", seekerID), amountFen: amount.rawValue, purpose: purpose,
                     status: status, enrollmentId: EntityID.format("E", enrollmentID), referredAtMs: UInt64(referredAt.unixMilliseconds), note: note)
    }
}

extension Validation {
    /// The row number of an id like "S42"; nil (and a violation) otherwise.
    mutating func entityID(_ text: String, prefix: Character, field: String, what: String) -> Int64? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        guard let id = EntityID.parse(text, prefix: prefix) else {
            fail(field: field, "\"\(text)\" is not a \(what) id (they look like \(prefix)123)")
            return nil
        }
        return id
    }
}
