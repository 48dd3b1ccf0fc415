import Foundation
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// 好差评 through the broker: a clerk records ratings, a low one opens a rectification item that
/// only the rated office may close, and the month's satisfaction ranks the offices.
@Suite("End to end: evaluations and rectification through the window", .serialized)
struct EvaluationEndToEndTests {
    typealias Roles = TrustBoundaryTests

    static func metadata(_ role: String) -> [String: String] { ResidentOverviewTests.metadata(role) }

    @Test("rate, replay with the key, an item due in 15 working days, closed only by its office, once; satisfaction ranked")
    func rateAndRectify() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Roles.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Roles.token("admin")) { stack in
            try await ResidentOverviewTests.waitForComposition(stack)
            let connection = try await stack.connect()
            let window = Window.WindowCompositionClient(connection)
            let low = Window.RateServiceRequest(
                office: "employment", subject: "RegisterJobSeeker", communityCode: "330902001001", level: .veryDissatisfied, comment: "等了很久")
            let rated = try await window.rateService(low, metadata: Self.metadata("clerk"), idempotencyKey: "rate-1")
            #expect(rated.level == .veryDissatisfied && rated.recordedBy == "clerk-01" && rated.rectificationId.hasPrefix("R"))
            let replay = try await window.rateService(low, metadata: Self.metadata("clerk"), idempotencyKey: "rate-1")
            #expect(replay == rated, "the same key records the rating once")
            _ = try await window.rateService(
                Window.RateServiceRequest(office: "health", subject: "GetHealthRecord", communityCode: "330902001001", level: .verySatisfied),
                metadata: Self.metadata("clerk"))

            let open = try await window.listRectifications(Window.ListRectificationsRequest(openOnly: true), metadata: Self.metadata("clerk"))
            let item = try #require(open.items.first)
            #expect(open.items.count == 1 && item.office == "employment" && !item.overdue)
            let opened = try LocalDateForTests.parse(item.openedOn), due = try LocalDateForTests.parse(item.dueOn)
            #expect(due > opened && due.timeIntervalSince(opened) >= 19 * 86_400, "15 working days are at least three weeks")

            // Only the rated office closes it, and once.
            let denied = await Self.code {
                _ = try await window.closeRectification(.init(rectificationId: item.rectificationId, fix: "x"), metadata: Self.metadata("health"))
            }
            #expect(denied == .permissionDenied)
            let closed = try await window.closeRectification(
                Window.CloseRectificationRequest(rectificationId: item.rectificationId, fix: "增加一个受理窗口"), metadata: Self.metadata("employment"))
            #expect(closed.closed && closed.closedBy == "employment-01" && closed.fix == "增加一个受理窗口")
            let twice = await Self.code {
                _ = try await window.closeRectification(.init(rectificationId: item.rectificationId, fix: "again"), metadata: Self.metadata("employment"))
            }
            #expect(twice == .failedPrecondition)
            #expect(try await window.listRectifications(.init(openOnly: true), metadata: Self.metadata("clerk")).items.isEmpty)

            let month = String(closed.openedOn.prefix(7))
            let figures = try await window.getSatisfaction(Window.GetSatisfactionRequest(month: month), metadata: Self.metadata("auditor"))
            #expect(figures.offices.map(\.key) == ["health", "employment", "assistance", "security"])
            #expect(figures.offices.map(\.rank) == [1, 2, 0, 0])
            #expect(figures.offices[1].rectificationsOpened == 1 && figures.offices[1].rectificationsOpen == 0)

            // Bad input names the field; a grid worker may rate, an auditor may not.
            let invalid = await Self.code {
                _ = try await window.rateService(
                    .init(office: "tax", subject: "x", communityCode: "330902009999", level: .unspecified), metadata: Self.metadata("clerk"))
            }
            #expect(invalid == .invalidArgument)
            let auditor = await Self.code { _ = try await window.rateService(low, metadata: Self.metadata("auditor")) }
            #expect(auditor == .permissionDenied)
            await connection.close()
        }
    }

    static func code(_ body: () async throws -> Void) async -> Wire.StatusCode? {
        await refusal(body)?.code
    }
}

/// Reads the replies' local dates (YYYY-MM-DD) as UTC midnights, to compare them.
enum LocalDateForTests {
    static func parse(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return try #require(formatter.date(from: text), "\(text) is not a date")
    }
}
