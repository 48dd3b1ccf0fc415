import Domain
import HealthContract
import NIOCore
import WindowContract
import WireRuntime

/// The health office's part of the resident overview: whether the resident has a health record
/// and its priority groups (`health.GetHealthRecord` by ID number); conditions only when the
/// office shows them to the caller (health staff).
public struct HealthSummary: OfficeSummarySource {
    public let office = Health.serviceName

    public init() {}

    public func summary(of resident: ResidentIdentityNumber, context: CallContext, deadline: TimeAmount) async throws -> [Window.OverviewLine]? {
        let record = try await Health.HealthClient(context).getHealthRecord(
            Health.GetHealthRecordRequest(idNumber: resident.rawValue), deadline: deadline)
        let flags = record.flags ?? Health.PriorityFlags()
        let groups = [
            (flags.womanOfChildBearingAge, "育龄妇女"), (flags.childUnderSix, "0–6岁儿童"), (flags.elderly, "老年人"), (flags.chronicallyIll, "慢性病人"),
            (flags.disabled, "残疾人"), (flags.poor, "贫困居民"),
        ].filter(\.0).map(\.1)
        var lines = [
            Window.OverviewLine(label: "健康档案", value: record.recordId),
            Window.OverviewLine(label: "重点人群", value: groups.isEmpty ? "无" : groups.joined(separator: "、")),
        ]
        if record.clinicalDetailsShown {
            lines.append(Window.OverviewLine(label: "疾病", value: record.conditions.isEmpty ? "无" : record.conditions.joined(separator: "、")))
        }
        return lines
    }
}
