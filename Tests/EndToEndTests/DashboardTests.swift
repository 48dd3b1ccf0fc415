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
}
