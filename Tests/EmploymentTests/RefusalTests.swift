import DepartmentKit
import Domain
import EmploymentContract
import Testing
import WireProtocol

@testable import EmploymentKit

@Suite("Domain rules refuse with domain errors; the handler layer turns them into statuses")
struct RefusalTests {
    @Test("the placement rules name every reason at once, as facts")
    func placementReasons() throws {
        let seeker = try Residents.seeker(status: .placed, placedAt: .init(timeIntervalSince1970: 1_795_000_100))
        let vacancy = try Residents.vacancy(kind: .publicWelfare, positions: 2, filled: 2, status: .filled)
        #expect(throws: PlacementRefusal.refused([.seekerAlreadyPlaced, .vacancyFilled(positions: 2), .reservedForHardship(seekerCategory: .unemployed)])) {
            try PlacementRules.check(seeker: seeker, vacancy: vacancy, startDate: Residents.today, today: Residents.today, policy: EmploymentPolicy())
        }
        #expect(throws: Never.self) {
            try PlacementRules.check(
                seeker: try Residents.seeker(registeredAt: Residents.today.startOfDay()), vacancy: try Residents.vacancy(), startDate: Residents.today,
                today: Residents.today, policy: EmploymentPolicy())
        }
    }

    @Test("a placement refusal is FAILED_PRECONDITION listing every violation, the refusal kept as the cause")
    func placementStatus() {
        let refusal = PlacementRefusal.refused([.seekerWithdrawn, .vacancyClosed])
        let error = refusal.rpcError
        #expect(error.code == .failedPrecondition)
        #expect(error.message == "seeker_id: the seeker has withdrawn; vacancy_id: the vacancy is closed")
        #expect(error.fields == ["seeker_id", "vacancy_id"])
        #expect(error.cause as? PlacementRefusal == refusal)
        #expect(
            PlacementRefusal.lastPositionTaken.rpcError
                == RPCError(
                    .failedPrecondition, "all positions of the vacancy are filled",
                    violations: [Wire.FieldViolation(field: "vacancy_id", description: "filled")]))
    }

    @Test("loan referrals move referred → approved | rejected, approved → disbursed, nothing else")
    func loanTransitions() {
        let allowed: Set<[Employment.LoanStatus]> = [[.referred, .approved], [.referred, .rejected], [.approved, .disbursed]]
        for from in Employment.LoanStatus.allCases {
            for to in Employment.LoanStatus.allCases {
                let refused = (try? LoanReferralRules.checkTransition(from: from, to: to)) == nil
                #expect(refused != allowed.contains([from, to]), "\(from) → \(to)")
            }
        }
        let error = LoanReferralRefusal.transitionNotAllowed(from: .rejected, to: .disbursed).rpcError
        #expect(error.code == .failedPrecondition)
        #expect(error.fields == ["status"])
    }

    @Test("job seeker and vacancy refusals keep their codes: a grid elsewhere or too few positions is INVALID_ARGUMENT")
    func codes() throws {
        let seeker = try Residents.seeker()
        let elsewhere = try GridCode(community: try CommunityCode("330902001002"), number: 1)
        #expect(throws: JobSeekerRefusal.gridOutsideCommunity(grid: elsewhere, community: seeker.community)) { try seeker.checkUpdate(grid: elsewhere) }
        #expect(JobSeekerRefusal.gridOutsideCommunity(grid: elsewhere, community: seeker.community).rpcError.code == .invalidArgument)
        #expect(JobSeekerRefusal.alreadyRegistered.rpcError.code == .alreadyExists)
        let vacancy = try Residents.vacancy(positions: 3, filled: 2)
        #expect(throws: VacancyRefusal.positionsBelowFilled(filled: 2, requested: 1)) { try vacancy.checkUpdate(positions: 1) }
        #expect(VacancyRefusal.positionsBelowFilled(filled: 2, requested: 1).rpcError.fields == ["positions"])
        #expect(TrainingRefusal.alreadyEnrolled.rpcError.code == .alreadyExists)
    }
}
