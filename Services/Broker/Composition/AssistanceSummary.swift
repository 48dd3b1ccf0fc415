import AssistanceContract
import Domain
import NIOCore
import WindowContract
import WireRuntime

/// The social assistance office's part of the resident overview: the household the resident
/// belongs to (`assistance.GetHousehold` by ID number), with its means only when the office
/// shows them to the caller.
public struct AssistanceSummary: OfficeSummarySource {
    public let office = Assistance.serviceName

    public init() {}

    public func summary(of resident: ResidentIdentityNumber, context: CallContext, deadline: TimeAmount) async throws -> [Window.OverviewLine]? {
        let household = try await Assistance.AssistanceClient(context).getHousehold(
            Assistance.GetHouseholdRequest(idNumber: resident.rawValue), deadline: deadline)
        var lines = [
            Window.OverviewLine(label: "户", value: household.householdId),
            Window.OverviewLine(label: "家庭人口", value: "\(household.members.count)"),
            Window.OverviewLine(label: "社区/网格", value: "\(household.communityCode)/\(household.gridCode)"),
        ]
        if !household.meansHidden {
            lines.append(Window.OverviewLine(label: "人均月收入", value: "\(Fen(household.perCapitaIncomeFen).yuanString) 元"))
        }
        return lines
    }
}
