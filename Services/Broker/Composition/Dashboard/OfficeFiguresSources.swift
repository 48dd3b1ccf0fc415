import AssistanceContract
import Domain
import EmploymentContract
import HealthContract
import NIOCore
import SecurityContract
import WindowContract
import WireProtocol
import WireRuntime

/// Employment: seekers waiting, placements, the 48-hour promises, unemployment-free or not.
public struct EmploymentFigures: OfficeFiguresSource {
    public let office = Employment.serviceName
    public init() {}

    public func figures(of community: CommunityCode, month: LocalMonth, context: CallContext, deadline: TimeAmount) async throws -> OfficeFigures {
        let status = try await Employment.EmploymentClient(context).getCommunityStatus(
            Employment.CommunityStatusRequest(communityCode: community.rawValue), deadline: deadline)
        return OfficeFigures(
            lines: [
                .count("待业人数", status.waiting), .count("本月上岗", status.placedThisMonth),
                Window.OverviewLine(label: "48小时承诺 兑现/未兑现", value: "\(status.promisesKept)/\(status.promisesBroken)"),
                .yesNo("无待业社区", status.unemploymentFree), .count("零就业家庭", status.zeroEmploymentHouseholds),
            ], cityFlag: status.unemploymentFree)
    }
}

/// Social assistance: 低保 households and — for assistance staff — the month's total paid; volunteers
/// against the 1% target, pairs, households without a recent visit, open doorbell alarms.
public struct AssistanceFigures: OfficeFiguresSource {
    public let office = Assistance.serviceName
    public init() {}

    public func figures(of community: CommunityCode, month: LocalMonth, context: CallContext, deadline: TimeAmount) async throws -> OfficeFigures {
        let client = Assistance.AssistanceClient(context)
        let figures = try await client.getCommunityFigures(Assistance.CommunityFiguresRequest(communityCode: community.rawValue), deadline: deadline)
        var lines: [Window.OverviewLine] = [
            .count("低保户", figures.hardshipHouseholds), .count("志愿者", figures.volunteers),
            .yesNo("志愿者达1%", figures.volunteerTargetMet), .count("结对帮扶", figures.pairs),
            .count("超期未走访", figures.withoutRecentVisit), .count("未确认门铃", figures.openAlarms),
        ]
        // The money is the office's: shown to its staff, left out (not an error) for anyone else.
        do {
            let paid = try await client.getReconciliation(
                Assistance.GetReconciliationRequest(month: month.description, communityCode: community.rawValue), deadline: deadline)
            lines.append(Window.OverviewLine(label: "本月救助金", value: "\(paid.householdsPaid)户 \(Fen(paid.totalFen).yuanString)元"))
        } catch let error as RPCError where error.code == .permissionDenied {}
        return OfficeFigures(lines: lines, cityFlag: figures.volunteerTargetMet)
    }
}

/// Health: records against the population, chronic follow-ups on schedule, facilities on target.
public struct HealthFigures: OfficeFiguresSource {
    public let office = Health.serviceName
    public var countsInCityView: Bool { false }
    public init() {}

    public func figures(of community: CommunityCode, month: LocalMonth, context: CallContext, deadline: TimeAmount) async throws -> OfficeFigures {
        let report = try await Health.HealthClient(context).getCoverageReport(
            Health.CoverageReportRequest(communityCode: community.rawValue), deadline: deadline)
        return OfficeFigures(lines: [
            .count("健康档案", report.records), .perMille("建档率", report.recordCoveragePerMille),
            .perMille("慢病随访完成率", report.followUpCompletionPerMille),
            Window.OverviewLine(label: "卫生服务机构", value: "\(report.healthFacilities)/\(report.facilitiesNeeded)"),
        ])
    }
}

/// Security: safe community or not, serious incidents, overdue disputes, floating residents.
public struct SecurityFigures: OfficeFiguresSource {
    public let office = Security.serviceName
    public init() {}

    public func figures(of community: CommunityCode, month: LocalMonth, context: CallContext, deadline: TimeAmount) async throws -> OfficeFigures {
        let client = Security.SecurityClient(context)
        let status = try await client.getSafeCommunityStatus(Security.GetSafeCommunityStatusRequest(communityCode: community.rawValue), deadline: deadline)
        var lines: [Window.OverviewLine] = [
            .yesNo("安全小区", status.safe), .count("严重案事件", status.seriousIncidents), .count("超期未结纠纷", status.overdueDisputes),
        ]
        let counts = try await client.countFloatingResidents(Security.CountFloatingResidentsRequest(communityCode: community.rawValue), deadline: deadline)
        lines.append(.count("流动人口(在住)", counts.counts.first { $0.communityCode == community.rawValue }?.residing ?? 0))
        return OfficeFigures(lines: lines, cityFlag: status.safe)
    }
}
