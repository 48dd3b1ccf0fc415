import Domain
import EmploymentContract
import NIOCore
import WindowContract
import WireRuntime

/// The employment office's part of the resident overview: the resident's job-seeker record, as
/// the office renders it for the caller (`employment.GetJobSeeker` by ID number).
public struct EmploymentSummary: OfficeSummarySource {
    public let office = Employment.serviceName

    public init() {}

    public func summary(of resident: ResidentIdentityNumber, context: CallContext, deadline: TimeAmount) async throws -> [Window.OverviewLine]? {
        let seeker = try await Employment.EmploymentClient(context).getJobSeeker(
            Employment.GetJobSeekerRequest(idNumber: resident.rawValue), deadline: deadline)
        var lines = [
            Window.OverviewLine(label: "求职登记", value: seeker.seekerId),
            Window.OverviewLine(label: "状态", value: Self.status(seeker.status)),
            Window.OverviewLine(label: "人员类别", value: seeker.category.protoName),
            Window.OverviewLine(label: "社区/网格", value: "\(seeker.communityCode)/\(seeker.gridCode)"),
        ]
        if seeker.hardship { lines.append(Window.OverviewLine(label: "就业困难", value: "是")) }
        if seeker.acceptsPromise { lines.append(Window.OverviewLine(label: "48小时承诺", value: "是")) }
        return lines
    }

    static func status(_ status: Employment.SeekerStatus) -> String {
        switch status {
        case .waiting: "待业"
        case .placed: "已上岗"
        case .withdrawn: "已退出"
        case .unspecified: "未知"
        }
    }
}
