import Foundation
import NIOCore
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// The community dashboard and the city view: every office's figures at once, composed by the
/// window on behalf of the caller.
@Suite("End to end: the community dashboard and the city view", .serialized)
struct DashboardTests {
    static func metadata(_ role: String) -> [String: String] { ResidentOverviewTests.metadata(role) }

    @Test("a clerk's dashboard: four offices' figures, the money only for assistance staff, a rectification item counted; an office down shows UNAVAILABLE")
    func dashboard() async throws {
        try await ResidentOverviewTests().withOffices { stack, connection, _, processes in
            let window = Window.WindowCompositionClient(connection)
            _ = try await window.rateService(
                Window.RateServiceRequest(office: "security", subject: "RegisterArrival", communityCode: "330902001001", level: .dissatisfied),
                metadata: Self.metadata("clerk"))
            let board = try await window.getCommunityDashboard(
                Window.GetCommunityDashboardRequest(communityCode: "330902001001"), metadata: Self.metadata("clerk"))
            #expect(board.offices.map(\.office) == ResidentOverviewTests.offices)
            #expect(board.offices.allSatisfy { $0.answer == .found }, "\(board.offices)")
            let lines = Dictionary(board.offices.flatMap(\.lines).map { ($0.label, $0.value) }, uniquingKeysWith: { first, _ in first })
            #expect(lines["待业人数"] == "1" && lines["健康档案"] == "1" && lines["流动人口(在住)"] == "1" && lines["安全小区"] == "是", "\(lines)")
            #expect(lines["本月救助金"] == nil, "a clerk does not see the money")
            #expect(board.openRectifications == 1 && board.overdueRectifications == 0 && board.ratings == 1 && board.satisfiedPerMille == 0)
            let staff = try await window.getCommunityDashboard(
                Window.GetCommunityDashboardRequest(communityCode: "330902001001"), metadata: Self.metadata("assistance"))
            #expect(staff.offices.first { $0.office == "assistance" }?.lines.contains { $0.label == "本月救助金" } == true)

            try #require(processes["employment"]).kill9()
            try await waitUntil("the broker to drop the killed office", timeout: .seconds(30)) {
                try await stack.instances(of: "employment").isEmpty
            }
            let degraded = try await window.getCommunityDashboard(
                Window.GetCommunityDashboardRequest(communityCode: "330902001001"), deadline: .seconds(3), metadata: Self.metadata("clerk"))
            #expect(degraded.offices.map(\.answer) == [.unavailable, .found, .found, .found], "\(degraded.offices)")

            // The city view leaves out what an office could not say, and names it.
            let city = try await window.getCityView(Window.GetCityViewRequest(), metadata: Self.metadata("clerk"))
            #expect(city.communities == 2 && city.byCommunity.count == 2)
            #expect(city.safetyKnown == 2 && city.safe == 2 && city.safePerMille == 1000 && city.safeTargetMet)
            #expect(city.employmentKnown == 0 && city.byCommunity.allSatisfy { $0.missing == ["employment"] }, "\(city.byCommunity)")
            #expect(city.volunteersKnown == 2 && city.ratings == 1)

            let unknown = await EvaluationEndToEndTests.code {
                _ = try await window.getCommunityDashboard(.init(communityCode: "330902009999"), metadata: Self.metadata("clerk"))
            }
            #expect(unknown == .invalidArgument)
        }
    }

    @Test("the clerk's commands print readable text: window resident, dashboard, city, rate")
    func clerkCommands() async throws {
        try await ResidentOverviewTests().withOffices { stack, _, idNumber, _ in
            let clerk = ["--token", TrustBoundaryTests.token("clerk")]
            let resident = try await stack.window(clerk + ["resident", idNumber, "--purpose", "窗口查询"])
            #expect(resident.status == 0, "\(resident.stderr)")
            #expect(resident.stdout.contains("居民 " + String(idNumber.prefix(6)) + "********" + String(idNumber.suffix(4))))
            #expect(resident.stdout.contains("就业 (employment)  有记录") && resident.stdout.contains("社区警务 (security)  有记录"), "\(resident.stdout)")
            #expect(!resident.stdout.contains(idNumber), "the full ID number is never printed for a clerk")

            let rated = try await stack.window(clerk + ["rate", "health", "GetHealthRecord", "330902001001", "不满意", "--comment", "态度一般"])
            #expect(rated.status == 0 && rated.stdout.contains("已生成整改 R1"), "\(rated.stdout)\(rated.stderr)")
            let badLevel = try await stack.window(clerk + ["rate", "health", "GetHealthRecord", "330902001001", "还行"])
            #expect(badLevel.status == 64 && badLevel.stderr.contains("非常满意"), "\(badLevel.stderr)")

            let board = try await stack.window(clerk + ["dashboard", "330902001001"])
            #expect(board.status == 0 && board.stdout.contains("待业人数") && board.stdout.contains("未结整改"), "\(board.stdout)\(board.stderr)")
            let city = try await stack.window(clerk + ["city"])
            #expect(city.status == 0 && city.stdout.contains("全市 2 个社区") && city.stdout.contains("安全小区"), "\(city.stdout)\(city.stderr)")
            let json = try await stack.window(clerk + ["city", "--json"])
            #expect(json.status == 0 && json.stdout.contains("\"byCommunity\""))
        }
    }
}
