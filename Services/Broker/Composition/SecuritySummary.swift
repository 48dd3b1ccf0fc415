import Domain
import NIOCore
import SecurityContract
import WindowContract
import WireRuntime

/// The community police office's part of the resident overview: the resident's latest
/// floating-population registration (`security.GetFloatingResident` by ID number). Correction and
/// resettlement cases are never part of it: they are security staff's alone, read at the office.
public struct SecuritySummary: OfficeSummarySource {
    public let office = Security.serviceName

    public init() {}

    public func summary(of resident: ResidentIdentityNumber, context: CallContext, deadline: TimeAmount) async throws -> [Window.OverviewLine]? {
        let registration = try await Security.SecurityClient(context).getFloatingResident(
            Security.GetFloatingResidentRequest(idNumber: resident.rawValue), deadline: deadline)
        var lines = [
            Window.OverviewLine(label: "流动人口登记", value: registration.registrationId),
            Window.OverviewLine(label: "状态", value: registration.status == .departed ? "已离开" : "居住中"),
            Window.OverviewLine(label: "来住日期", value: registration.arrivalDate),
            Window.OverviewLine(label: "社区/网格", value: "\(registration.communityCode)/\(registration.gridCode)"),
        ]
        if !registration.departureDate.isEmpty { lines.append(Window.OverviewLine(label: "离开日期", value: registration.departureDate)) }
        return lines
    }
}
