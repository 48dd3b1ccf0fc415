import DepartmentKit
import Domain
import GRDB
import HealthContract
import WireProtocol
import WireRuntime

/// Services delivered and coverage: service events counted per month, facilities, the coverage
/// report of a community. Aggregates only: no resident's data leaves through here.
extension HealthOffice {
    public func recordServiceEvent(_ request: Health.RecordServiceEventRequest, context: CallContext) async throws -> Health.ServiceEvent {
        let command = try await RecordServiceEvent(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try ServiceStore.insertEvent(db, community: command.community, kind: command.kind, date: command.date, title: command.title, people: command.people)
        } render: { db, id in
            guard let event = try ServiceStore.event(db, id: id) else { throw RPCError.notReadBack(EntityKind.serviceEvent.id(id)) }
            return event
        }
    }

    public func countServices(_ request: Health.CountServicesRequest, context: CallContext) async throws -> Health.CountServicesResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let month = validation.month(request.month, field: "month")
        try await validation.registered(community, field: "community_code", in: registry, context: context)
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let counted = try validation.unwrap(month, field: "month")
        let (first, next) = (counted.firstDay, counted.next.firstDay)
        let (counts, individual) = try await database.read { db in
            (
                try ServiceStore.countsByKind(db, community: served, from: first, to: next),
                try ServiceStore.individualServices(db, community: served, from: first, to: next)
            )
        }
        return Health.CountServicesResponse(
            communityCode: served.rawValue, month: request.month, counts: counts, chronicFollowUps: UInt32(individual[0]),
            sickbedVisits: UInt32(individual[1]), familyPlanningVisits: UInt32(individual[2]), contraceptiveDistributions: UInt32(individual[3]))
    }

    public func registerFacility(_ request: Health.RegisterFacilityRequest, context: CallContext) async throws -> Health.Facility {
        let command = try await RegisterFacility(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let id = try ServiceStore.insertFacility(db, community: command.community, name: command.name, kind: command.kind) else {
                throw RPCError(refusing: .alreadyExists, "the community already has a facility of this name", field: "name", "already registered")
            }
            return id
        } render: { db, id in
            guard let facility = try ServiceStore.facility(db, id: id) else { throw RPCError.notReadBack(EntityKind.facility.id(id)) }
            return facility
        }
    }

    public func getCoverageReport(_ request: Health.CoverageReportRequest, context: CallContext) async throws -> Health.CoverageReport {
        var validation = Validation()
        let code = validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        let community = try validation.unwrap(code, field: "community_code")
        guard let registered = try await registry.community(community, context: context) else {
            throw RPCError.invalidArgument(field: "community_code", "community \(community.rawValue) is not in the communities registry")
        }
        let (today, perFacility) = (today, policy.residentsPerFacility)
        let coverage = try await database.read { db in
            try ServiceStore.coverage(db, community: community, today: today, population: Int(registered.population), residentsPerFacility: perFacility)
        }
        return Health.CoverageReport(
            communityCode: community.rawValue, population: registered.population, records: UInt32(coverage.records),
            recordCoveragePerMille: UInt32(coverage.recordCoveragePerMille), chronicEnrolled: UInt32(coverage.enrolled),
            followUpsOnSchedule: UInt32(coverage.onSchedule), followUpCompletionPerMille: UInt32(coverage.followUpCompletionPerMille),
            healthFacilities: UInt32(coverage.healthFacilities), residentsPerFacilityTarget: UInt32(perFacility),
            facilitiesNeeded: UInt32(coverage.facilitiesNeeded), meetsFacilityTarget: coverage.meetsFacilityTarget,
            hasFamilyPlanningRoom: coverage.familyPlanningRooms > 0)
    }
}
