import ArgumentParser
import Foundation
import ProtoReflection
import WindowContract
import WindowKit
import WireProtocol

/// `window audit …`: the broker's audit log for auditors (role auditor or admin): check its hash
/// chain, list who accessed one resident's data (the access log a resident may ask for), what
/// one principal did, or the break-the-glass reads waiting for review.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the broker's audit log: verify it, a resident's access log, a principal's actions, reads for review.",
        discussion: """
            EXAMPLES
              WINDOW_TOKEN=… window audit verify
              WINDOW_TOKEN=… window audit resident "$ID"
              WINDOW_TOKEN=… window audit principal clerk-07 --page-size 100
              WINDOW_TOKEN=… window audit review
            Break-the-glass reads (marked [REVIEW]) are reads of an office's most sensitive records —
            a community correction case, a health diagnosis — outside the reader's normal scope,
            allowed only on a stated purpose (`window call … --purpose "…"`); `review` lists them.
            Exit status 1 when `verify` finds the chain broken (and what it prints says where).
            """,
        subcommands: [Verify.self, Resident.self, Principal.self, Review.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the hash chain: any edited, deleted or inserted row is found.")
        @OptionGroup var connection: WindowCommand.Connection

        func run() async throws {
            try await connection.withSession { session in
                let result = try await Window.WindowClient(session.connection).verifyAudit(
                    Window.VerifyAuditRequest(), deadline: session.deadline, metadata: session.metadata)
                if result.intact {
                    print("intact: \(result.rows) rows, tip \(result.tipHash)")
                } else {
                    print("BROKEN at row \(result.brokenAtSeq): \(result.problem)")
                    throw ExitCode(1)
                }
            }
        }
    }

    struct Resident: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who read or wrote one resident's data, and when (newest first).")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "The resident's 18-character ID number.") var idNumber: String
        @Option(help: "Entries per page (1…500).") var pageSize = 50
        @Option(help: "The next_page_token of the previous page.") var pageToken = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let request = Window.ListResidentAccessesRequest(idNumber: idNumber, pageSize: UInt32(clamping: pageSize), pageToken: pageToken)
            try await AuditCommand.printPage(connection, json: json) { window, session in
                try await window.listResidentAccesses(request, deadline: session.deadline, metadata: session.metadata)
            }
        }
    }

    struct Principal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What one principal did, also on others' behalf (newest first).")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "The principal id, e.g. clerk-07.") var principal: String
        @Option(help: "Entries per page (1…500).") var pageSize = 50
        @Option(help: "The next_page_token of the previous page.") var pageToken = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let request = Window.ListPrincipalActionsRequest(principal: principal, pageSize: UInt32(clamping: pageSize), pageToken: pageToken)
            try await AuditCommand.printPage(connection, json: json) { window, session in
                try await window.listPrincipalActions(request, deadline: session.deadline, metadata: session.metadata)
            }
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Break-the-glass reads for review: sensitive records read outside normal scope, with the purpose stated (newest first).")
        @OptionGroup var connection: WindowCommand.Connection
        @Option(help: "Entries per page (1…500).") var pageSize = 50
        @Option(help: "The next_page_token of the previous page.") var pageToken = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let request = Window.ListAccessesForReviewRequest(pageSize: UInt32(clamping: pageSize), pageToken: pageToken)
            try await AuditCommand.printPage(connection, json: json) { window, session in
                try await window.listAccessesForReview(request, deadline: session.deadline, metadata: session.metadata)
            }
        }
    }

    /// Fetches one page of audit entries through the broker and prints it, as text or JSON.
    static func printPage(
        _ connection: WindowCommand.Connection, json: Bool,
        _ fetch: (Window.WindowClient, WindowSession) async throws -> Window.AuditEntriesResponse
    ) async throws {
        try await connection.withSession { session in
            let page = try await fetch(Window.WindowClient(session.connection), session)
            print(json ? try ProtoJSON.json(of: page) : describe(page))
        }
    }

    /// One line per entry: when (UTC), who (and for whom), what, why, how it ended.
    static func describe(_ page: Window.AuditEntriesResponse) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = page.entries.map { entry -> String in
            let when = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(entry.timeMs) / 1000))
            let who = entry.onBehalfOf.isEmpty ? entry.principal : "\(entry.onBehalfOf) via \(entry.principal)"
            let status = Wire.StatusCode(wireValue: Int32(clamping: entry.status)).name
            let purpose = entry.purpose.isEmpty ? "" : "  purpose: \(entry.purpose)"
            let review = entry.breakTheGlass ? "  [REVIEW]" : ""
            return "\(when)  \(who)  \(entry.service).\(entry.method)  \(status)\(review)\(purpose)"
        }
        if lines.isEmpty { lines = ["(no entries)"] }
        if !page.nextPageToken.isEmpty { lines.append("more: --page-token \(page.nextPageToken)") }
        return lines.joined(separator: "\n")
    }
}
