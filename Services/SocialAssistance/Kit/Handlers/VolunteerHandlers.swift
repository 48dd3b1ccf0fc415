import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// Volunteers (注册志愿者), pairing with hardship households (结对帮扶), visits (定期走访), and a
/// community's figures against the 1% volunteer target.
extension AssistanceOffice {
    public func registerVolunteer(_ request: Assistance.RegisterVolunteerRequest, context: CallContext) async throws -> Assistance.Volunteer {
        let registration = try await RegisterVolunteer(validating: request, for: self, context: context)
        let visibility = HouseholdVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            if try VolunteerStore.isRegistered(db, idNumber: registration.idNumber) { throw CareRefusal.alreadyRegistered(field: "id_number") }
            return try VolunteerStore.insert(
                db, .init(id: 0, idNumber: registration.idNumber, name: registration.name.rawValue, community: registration.community, registeredAt: now()))
        } render: { db, id in
            try Self.volunteer(db, EntityKind.volunteer.id(id), field: "volunteer_id").message(visibility, for: context)
        }
    }

    public func pairVolunteer(_ request: Assistance.PairVolunteerRequest, context: CallContext) async throws -> Assistance.Pairing {
        var validation = Validation()
        let volunteer = validation.entityID(request.volunteerId, .volunteer, field: "volunteer_id")
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        try validation.finish()
        let volunteerID = try validation.unwrap(volunteer, field: "volunteer_id")
        let householdID = try validation.unwrap(household, field: "household_id")
        return try await database.idempotentWrite(context, request: request) { db in
            let volunteer = try Self.volunteer(db, volunteerID, field: "volunteer_id")
            guard let household = try HouseholdStore.find(db, id: householdID.row) else { throw RPCError.notFound(householdID, field: "household_id") }
            guard volunteer.community == household.community else { throw CareRefusal.otherCommunity }
            guard let id = try VolunteerStore.pair(db, volunteerID: volunteer.id, householdID: household.id, community: household.community, at: now())
            else { throw CareRefusal.alreadyPaired }
            context.reportResidents([volunteer.idNumber.rawValue] + household.members.map(\.idNumber.rawValue))
            return id
        } render: { db, id in
            guard let pairing = try VolunteerStore.pairing(db, id: id) else { throw RPCError.notReadBack(EntityKind.pairing.id(id)) }
            return Assistance.Pairing(
                pairingId: EntityKind.pairing.format(id), volunteerId: EntityKind.volunteer.format(pairing.volunteerID),
                householdId: EntityKind.household.format(pairing.householdID), pairedAtMs: UInt64(pairing.pairedAt.unixMilliseconds))
        }
    }

    public func logVisit(_ request: Assistance.LogVisitRequest, context: CallContext) async throws -> Assistance.Visit {
        let visit = try LogVisit(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard let household = try HouseholdStore.find(db, id: visit.household.row) else { throw RPCError.notFound(visit.household, field: "household_id") }
            try scope.require(household.grid, field: "household_id")
            if let volunteer = visit.volunteer { _ = try Self.volunteer(db, volunteer, field: "volunteer_id") }
            context.reportResidents(household.members.map(\.idNumber.rawValue))
            return try VolunteerStore.logVisit(
                db, householdID: household.id, volunteerID: visit.volunteer?.row, on: visit.day, note: visit.note, recordedBy: actor, at: now())
        } render: { db, id in
            guard let stored = try VolunteerStore.visit(db, id: id) else { throw RPCError.notReadBack(EntityKind.visit.id(id)) }
            return Assistance.Visit(
                visitId: EntityKind.visit.format(id), householdId: EntityKind.household.format(stored.householdID),
                volunteerId: stored.volunteerID.map { EntityKind.volunteer.format($0) } ?? "", visitedOn: stored.on, note: stored.note, recordedBy: stored.by)
        }
    }

    public func getCommunityFigures(_ request: Assistance.CommunityFiguresRequest, context: CallContext) async throws -> Assistance.CommunityFigures {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.noVisitDays <= 3650, field: "no_visit_days", "at most 3650")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        guard let registered = try await registry.community(served, context: context) else {
            throw RPCError(
                .invalidArgument, "community \(served.rawValue) is not in the communities registry",
                violations: [Wire.FieldViolation(field: "community_code", description: "not in the communities registry")])
        }
        let days = request.noVisitDays == 0 ? policy.defaultNoVisitDays : Int(request.noVisitDays)
        let since = today.adding(days: -days)
        let counts = try await database.read { db in
            (figures: try VolunteerStore.figures(db, community: served, since: since), care: try CareStore.counts(db, community: served))
        }
        let population = Int(registered.population)
        let volunteers = counts.figures.volunteers
        return Assistance.CommunityFigures(
            communityCode: served.rawValue, volunteers: UInt32(volunteers), population: UInt32(population),
            volunteersPerTenThousand: UInt32(CareRules.perTenThousand(volunteers: volunteers, population: population)),
            volunteerTargetMet: CareRules.meetsTarget(
                volunteers: volunteers, population: population, targetPerTenThousand: policy.volunteerTargetPerTenThousand),
            pairs: UInt32(counts.figures.pairs), hardshipHouseholds: UInt32(counts.figures.hardship), withoutRecentVisit: UInt32(counts.figures.withoutVisit),
            specialCare: UInt32(counts.care.care), openAlarms: UInt32(counts.care.openAlarms))
    }

    static func volunteer(_ db: Database, _ id: EntityID, field: String) throws -> VolunteerStore.Record {
        guard let record = try VolunteerStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: field) }
        return record
    }
}
