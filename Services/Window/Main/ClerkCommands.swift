import ArgumentParser
import Foundation
import ProtoReflection
import WindowContract
import WindowKit

/// The clerk's commands on top of `window call`: one resident across the offices, a community's
/// dashboard, the city view, a resident's rating — readable text by default, `--json` for scripts.
enum ClerkCommands {
    struct Resident: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One resident across all four offices (一人一档): each office's part, or why it has none.",
            discussion: "EXAMPLE\n  WINDOW_TOKEN=… window resident \"$ID\" --purpose \"窗口办理低保申请\"")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "The resident's 18-character ID number.") var idNumber: String
        @Option(help: "Why the resident's data is read (recorded in the audit log).") var purpose = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await connection.withSession { session in
                var metadata = session.metadata
                if !purpose.isEmpty { metadata["purpose"] = purpose }
                let reply = try await Window.WindowCompositionClient(session.connection).getResidentOverview(
                    Window.GetResidentOverviewRequest(idNumber: idNumber), deadline: session.deadline, metadata: metadata)
                print(json ? try ProtoJSON.json(of: reply) : ClerkViews.overview(reply))
            }
        }
    }

    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One community from all offices at once, with its rectification items and satisfaction.",
            discussion: "EXAMPLE\n  WINDOW_TOKEN=… window dashboard 330902001001 --month 2026-11")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "The community's 12-digit code.") var community: String
        @Option(help: "The month for money and satisfaction, YYYY-MM (default: this month).") var month = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await connection.withSession { session in
                let board = try await Window.WindowCompositionClient(session.connection).getCommunityDashboard(
                    Window.GetCommunityDashboardRequest(communityCode: community, month: month), deadline: session.deadline, metadata: session.metadata)
                print(json ? try ProtoJSON.json(of: board) : ClerkViews.dashboard(board))
            }
        }
    }

    struct City: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every community: safe communities against 60%, unemployment-free, volunteers, satisfaction.",
            discussion: "A figure an office could not give shows as ? and is named under 未答.\nEXAMPLE\n  WINDOW_TOKEN=… window city")
        @OptionGroup var connection: WindowCommand.Connection
        @Option(help: "The month for satisfaction, YYYY-MM (default: this month).") var month = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await connection.withSession { session in
                let view = try await Window.WindowCompositionClient(session.connection).getCityView(
                    Window.GetCityViewRequest(month: month), deadline: session.deadline, metadata: session.metadata)
                print(json ? try ProtoJSON.json(of: view) : ClerkViews.city(view))
            }
        }
    }

    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a resident's rating of a finished service (好差评); the two lowest levels open a rectification item.",
            discussion: """
                LEVEL is one of 非常满意 满意 基本满意 不满意 非常不满意 (or VERY_SATISFIED … VERY_DISSATISFIED).
                EXAMPLE
                  WINDOW_TOKEN=… window rate employment RegisterJobSeeker 330902001001 不满意 --comment "排队时间长" --idempotency-key rate-0001
                """)
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "The office: employment, assistance, health or security.") var office: String
        @Argument(help: "What was rated: a method, a receipt or a case id.") var subject: String
        @Argument(help: "The community's 12-digit code.") var community: String
        @Argument(help: "The level.") var level: String
        @Option(help: "The resident's own words (at most 500 characters).") var comment = ""
        @Option(help: "Idempotency key: the same key records the rating once.") var idempotencyKey = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            guard Self.level(level) != nil else {
                throw ValidationError("LEVEL must be one of \(ClerkViews.levels.map(\.name).joined(separator: " ")) (got \"\(level)\")")
            }
        }

        static func level(_ text: String) -> Window.Satisfaction? {
            ClerkViews.levels.first { $0.name == text }?.level ?? Window.Satisfaction.allCases.first { $0.protoName == text && $0 != .unspecified }
        }

        func run() async throws {
            try await connection.withSession { session in
                let evaluation = try await Window.WindowCompositionClient(session.connection).rateService(
                    Window.RateServiceRequest(
                        office: office, subject: subject, communityCode: community, level: Self.level(level) ?? .unspecified, comment: comment),
                    deadline: session.deadline, metadata: session.metadata, idempotencyKey: idempotencyKey.isEmpty ? nil : idempotencyKey)
                print(json ? try ProtoJSON.json(of: evaluation) : ClerkViews.evaluation(evaluation))
            }
        }
    }
}
