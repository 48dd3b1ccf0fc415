import EmploymentContract

/// The job-seeker registration step that newcomer and release events share: registered now, or
/// — when the resident is registered and waiting already — done with that registration.
enum JobSeekerStep {
    static func register(_ request: Employment.RegisterJobSeekerRequest, _ input: StepInput) async throws -> StepOutcome {
        let employment = Employment.EmploymentClient(input.calls)
        return try await StepOutcome.creating("employment") {
            try await employment.registerJobSeeker(request, deadline: StepInput.deadline, idempotencyKey: input.idempotencyKey).seekerId
        } existing: {
            try await employment.getJobSeeker(Employment.GetJobSeekerRequest(idNumber: request.idNumber), deadline: StepInput.deadline).seekerId
        }
    }
}
