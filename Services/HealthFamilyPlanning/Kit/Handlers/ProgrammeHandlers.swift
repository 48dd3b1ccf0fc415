import DepartmentKit
import Domain
import GRDB
import HealthContract
import WireProtocol
import WireRuntime

/// Chronic disease programmes (慢性病管理) as data: define one, and a programme's control rate.
extension HealthOffice {
    public func defineProgramme(_ request: Health.DefineProgrammeRequest, context: CallContext) async throws -> Health.Programme {
        let command = try DefineProgramme(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try ProgrammeStore.upsert(db, command.programme)
            logger.info("programme defined", metadata: ["programme": "\(command.programme.code)", "principal": "\(context.principal.id)"])
            guard let row = try ProgrammeStore.rowID(db, code: command.programme.code) else {
                throw RPCError(.internal, "internal error: programme \(command.programme.code) just written cannot be read back")
            }
            return row
        } render: { db, row in
            guard let code = try ProgrammeStore.code(db, rowID: row), let programme = try ProgrammeStore.find(db, code: code) else {
                throw RPCError(.internal, "internal error: a programme just written cannot be read back")
            }
            return programme.message
        }
    }

    public func getProgrammeControlRate(_ request: Health.ProgrammeControlRateRequest, context: CallContext) async throws -> Health.ProgrammeControlRate {
        var validation = Validation()
        let code = validation.programmeCode(request.programmeCode, field: "programme_code")
        let community = validation.community(request.communityCode, field: "community_code")
        try await validation.registered(community, field: "community_code", in: registry, context: context)
        try validation.finish()
        let programme = try validation.unwrap(code, field: "programme_code")
        let served = try validation.unwrap(community, field: "community_code")
        let today = today
        let rate = try await database.read { db in
            guard try ProgrammeStore.find(db, code: programme) != nil else { throw EnrolmentRefusal.unknownProgramme(programme) }
            return try EnrolmentStore.controlCounts(db, programme: programme, community: served, today: today)
        }
        return Health.ProgrammeControlRate(
            programmeCode: programme, communityCode: served.rawValue, enrolled: UInt32(rate.enrolled), followedUp: UInt32(rate.followedUp),
            controlled: UInt32(rate.controlled), controlPerMille: UInt32(rate.perMille), overdue: UInt32(rate.overdue))
    }
}
