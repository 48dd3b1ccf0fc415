import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import WireClient
import WireProtocol
import WireRuntime

/// Records of the office as the contract's messages.
extension JobSeekerRecord {
    /// The seeker as the caller may see it; the resident is reported to the audit log of the
    /// call (every seeker that leaves the office does so through here).
    func message(visibility: SeekerVisibility, today: LocalDate, for context: CallContext) -> Employment.JobSeeker {
        context.reportResidents([idNumber.rawValue])
        return Employment.JobSeeker(
            seekerId: EntityKind.jobSeeker.format(id), idNumber: visibility.shows(.idNumber) ? idNumber.rawValue : idNumber.masked,
            name: visibility.shows(.name) ? name : Masking.maskName(name),
            communityCode: community.rawValue, gridCode: grid.rawValue, category: category, skills: skills, wishes: wishes,
            acceptsPromise: acceptsPromise, status: status, registeredAtMs: UInt64(registeredAt.unixMilliseconds),
            promiseDeadlineMs: promiseDeadline.map { UInt64($0.unixMilliseconds) } ?? 0,
            placedAtMs: placedAt.map { UInt64($0.unixMilliseconds) } ?? 0,
            placedVacancyId: placedVacancyID.map { EntityKind.vacancy.format($0) } ?? "",
            phone: visibility.shows(.phone) || phone.isEmpty ? phone : Masking.maskPhone(phone), hardship: isHardship(on: today),
            spell: UInt32(spell.number), spellEnd: spell.end, spellEndNote: spell.endNote, startDate: spell.startDate?.description ?? "",
            recognition: recognition.map(\.message), offersRefused: UInt32(spell.offersRefused))
    }
}

extension HardshipRecognitionRecord {
    var message: Employment.HardshipRecognition {
        Employment.HardshipRecognition(
            ground: ground, evidence: evidence, decidedBy: decidedBy, decidedAtMs: UInt64(decidedAt.unixMilliseconds),
            validUntil: validUntil.description, revokedAtMs: revokedAt.map { UInt64($0.unixMilliseconds) } ?? 0)
    }
}

extension OfferRecord {
    var message: Employment.Offer {
        Employment.Offer(
            offerId: EntityKind.offer.format(id), seekerId: EntityKind.jobSeeker.format(seekerID), vacancyId: EntityKind.vacancy.format(vacancyID),
            offeredOn: offeredOn.description, outcome: outcome, suitable: suitable, reason: reason,
            recordedAtMs: UInt64(recordedAt.unixMilliseconds), releasedPromise: releasedPromise)
    }
}

extension VacancyRecord {
    var message: Employment.Vacancy {
        Employment.Vacancy(
            vacancyId: EntityKind.vacancy.format(id), kind: kind, title: title, employer: employer, communityCode: community.rawValue,
            positions: UInt32(positions), filled: UInt32(filled), requiredSkills: requiredSkills, wageFen: wage.rawValue,
            location: location, status: status, postedAtMs: UInt64(postedAt.unixMilliseconds))
    }
}

extension MatchAssessment {
    var message: Employment.MatchReason {
        Employment.MatchReason(
            skillsMatched: UInt32(skillsMatched), skillsRequired: UInt32(skillsRequired), hardshipPriority: hardshipPriority,
            distance: UInt32(distance.rawValue), summary: summary)
    }
}

extension TrainingStore.CourseRecord {
    var message: Employment.Course {
        Employment.Course(
            courseId: EntityKind.course.format(id), title: title, kind: kind, skills: skills, communityCode: community.rawValue,
            startDate: startDate.description, endDate: endDate.description, capacity: UInt32(capacity), enrolled: UInt32(enrolled))
    }
}

extension TrainingStore.EnrollmentRecord {
    var message: Employment.Enrollment {
        Employment.Enrollment(
            enrollmentId: EntityKind.enrollment.format(id), courseId: EntityKind.course.format(courseID), seekerId: EntityKind.jobSeeker.format(seekerID),
            status: status, enrolledAtMs: UInt64(enrolledAt.unixMilliseconds), completedAtMs: completedAt.map { UInt64($0.unixMilliseconds) } ?? 0)
    }
}

extension LoanStore.Referral {
    var message: Employment.LoanReferral {
        Employment.LoanReferral(
            referralId: EntityKind.loanReferral.format(id), seekerId: EntityKind.jobSeeker.format(seekerID), amountFen: amount.rawValue, purpose: purpose,
            status: status, enrollmentId: EntityKind.enrollment.format(enrollmentID), referredAtMs: UInt64(referredAt.unixMilliseconds), note: note)
    }
}
