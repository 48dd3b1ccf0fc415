import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// Special groups (孤寡/独居老人, 残疾人, 孤儿, 优抚对象) with their care, and care doorbells
/// (爱心门铃): an alarm from a registered home, acknowledged by a worker or volunteer, escalated
/// when not acknowledged in time.
extension AssistanceOffice {
    public func registerSpecialCare(_ request: Assistance.RegisterSpecialCareRequest, context: CallContext) async throws -> Assistance.SpecialCare {
        let registration = try await RegisterSpecialCare(validating: request, for: self, context: context)
        let visibility = HouseholdVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            if try CareStore.exists(db, idNumber: registration.idNumber, group: registration.group) {
                throw CareRefusal.alreadyRegistered(field: "id_number")
            }
            return try CareStore.insert(
                db,
                .init(
                    id: 0, idNumber: registration.idNumber, name: registration.name.rawValue, group: registration.group, community: registration.community,
                    grid: registration.grid, address: registration.address, care: registration.care, hasDoorbell: registration.hasDoorbell,
                    registeredAt: now()))
        } render: { db, id in
            try Self.careRecord(db, EntityKind.specialCare.id(id), field: "care_id").message(visibility, for: context)
        }
    }

    public func listSpecialCare(_ request: Assistance.ListSpecialCareRequest, context: CallContext) async throws -> Assistance.ListSpecialCareResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = request.gridCode.isEmpty ? nil : validation.grid(request.gridCode, field: "grid_code", in: community)
        let scope = GridScope(principal: context.principal)
        validation.require(!scope.isRestricted || !request.gridCode.isEmpty, field: "grid_code", "is required: a grid worker lists one of their grids")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        if let grid { try scope.require(grid, field: "grid_code") }
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let group = request.group == .unspecified ? nil : request.group
        let rows = try await database.read { db in
            try CareStore.list(db, community: served, grid: grid, group: group, afterID: after, limit: pageRequest.fetchLimit)
        }
        let visibility = HouseholdVisibility(context.principal)
        let records = pageRequest.page(of: rows, rowID: \.id).map { $0.message(visibility, for: context) }
        return Assistance.ListSpecialCareResponse(records: records.rows, nextPageToken: records.nextToken)
    }

    public func raiseAlarm(_ request: Assistance.RaiseAlarmRequest, context: CallContext) async throws -> Assistance.DoorbellAlarm {
        var validation = Validation()
        let care = validation.entityID(request.careId, .specialCare, field: "care_id")
        try validation.finish()
        let home = try validation.unwrap(care, field: "care_id")
        let scope = GridScope(principal: context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let record = try Self.careRecord(db, home, field: "care_id")
            try scope.require(record.grid, field: "care_id")
            guard record.hasDoorbell else { throw CareRefusal.noDoorbell }
            let id = try CareStore.raise(db, record, at: now())
            logger.notice("care doorbell alarm", metadata: ["alarm": "\(EntityKind.alarm.id(id))", "grid": "\(record.grid.rawValue)"])
            return id
        } render: { db, id in
            try renderAlarm(db, id, context: context)
        }
    }

    public func acknowledgeAlarm(_ request: Assistance.AcknowledgeAlarmRequest, context: CallContext) async throws -> Assistance.DoorbellAlarm {
        var validation = Validation()
        let alarm = validation.entityID(request.alarmId, .alarm, field: "alarm_id")
        validation.reason(request.note, field: "note", required: false)
        try validation.finish()
        let id = try validation.unwrap(alarm, field: "alarm_id")
        let scope = GridScope(principal: context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard let found = try CareStore.alarm(db, id: id.row) else { throw RPCError.notFound(id, field: "alarm_id") }
            try scope.require(found.home.grid, field: "alarm_id")
            guard found.acknowledgedAt == nil else { throw CareRefusal.alreadyAcknowledged }
            try CareStore.acknowledge(db, id: found.id, by: actor, note: request.note, at: now())
            return found.id
        } render: { db, id in
            try renderAlarm(db, id, context: context)
        }
    }

    public func listAlarms(_ request: Assistance.ListAlarmsRequest, context: CallContext) async throws -> Assistance.ListAlarmsResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let grids = GridScope(principal: context.principal).grids
        let at = now()
        let before = request.escalatedOnly ? at.addingTimeInterval(-Double(policy.alarmEscalationMinutes) * 60) : nil
        let rows = try await database.read { db in
            try CareStore.openAlarms(db, community: served, raisedBefore: before, grids: grids, afterID: after, limit: pageRequest.fetchLimit)
        }
        let visibility = HouseholdVisibility(context.principal)
        let alarms = pageRequest.page(of: rows, rowID: \.id).map {
            $0.message(visibility, escalationMinutes: policy.alarmEscalationMinutes, now: at, for: context)
        }
        return Assistance.ListAlarmsResponse(alarms: alarms.rows, nextPageToken: alarms.nextToken)
    }

    private func renderAlarm(_ db: Database, _ id: Int64, context: CallContext) throws -> Assistance.DoorbellAlarm {
        guard let alarm = try CareStore.alarm(db, id: id) else { throw RPCError.notReadBack(EntityKind.alarm.id(id)) }
        return alarm.message(HouseholdVisibility(context.principal), escalationMinutes: policy.alarmEscalationMinutes, now: now(), for: context)
    }

    static func careRecord(_ db: Database, _ id: EntityID, field: String) throws -> CareStore.Record {
        guard let record = try CareStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: field) }
        return record
    }
}
