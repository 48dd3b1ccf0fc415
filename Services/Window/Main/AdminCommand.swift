import ArgumentParser
import Foundation
import WindowContract
import WireProtocol

/// `window admin …`: principals managed over the wire by an administrator (role admin; listing
/// also by auditors). Every call is access-controlled and audited by the broker like any other,
/// and takes effect at once.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Issue and revoke tokens, list principals (role admin).",
        discussion: """
            EXAMPLES
              WINDOW_TOKEN=… window admin issue clerk-07 --role clerk --expires-days 90
              WINDOW_TOKEN=… window admin issue grid-0102 --role grid-worker --grid 330902001001002
              WINDOW_TOKEN=… window admin issue svc-employment --service employment
              WINDOW_TOKEN=… window admin list
              WINDOW_TOKEN=… window admin revoke clerk-07
            `issue` prints the new token once; the broker keeps only its hash.
            """,
        subcommands: [Issue.self, Revoke.self, List.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token for a principal (created or updated); prints it once.")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "Principal id, e.g. clerk-07.") var principal: String
        @Option(name: .customLong("role"), help: "A role (repeat for more).") var roles: [String] = []
        @Option(name: .customLong("grid"), help: "A grid the principal is limited to (repeat for more).") var grids: [String] = []
        @Option(name: .customLong("service"), help: "A service this credential may register (repeat for more).") var services: [String] = []
        @Option(help: "Days until the token expires (1…3650; default: never).") var expiresDays: Int?

        func validate() throws {
            if let expiresDays, !(1...3650).contains(expiresDays) { throw ValidationError("--expires-days must be 1…3650") }
        }

        func run() async throws {
            try await connection.withSession { session in
                let reply = try await Window.WindowClient(session.connection).issueToken(
                    Window.IssueTokenRequest(
                        principal: principal, roles: roles, gridScope: grids, services: services, expiresInDays: UInt32(expiresDays ?? 0)),
                    deadline: session.deadline, metadata: session.metadata)
                print(reply.token)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of a principal, at once.")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "Principal id.") var principal: String

        func run() async throws {
            try await connection.withSession { session in
                let reply = try await Window.WindowClient(session.connection).revokePrincipal(
                    Window.RevokePrincipalRequest(principal: principal), deadline: session.deadline, metadata: session.metadata)
                print("revoked \(reply.revoked) token(s) of \(principal)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List principals with their roles and live tokens.")
        @OptionGroup var connection: WindowCommand.Connection

        func run() async throws {
            try await connection.withSession { session in
                let reply = try await Window.WindowClient(session.connection).listPrincipals(
                    Window.ListPrincipalsRequest(), deadline: session.deadline, metadata: session.metadata)
                for principal in reply.principals {
                    var line = "\(principal.id)\troles=\(principal.roles.joined(separator: ","))"
                    if !principal.services.isEmpty { line += "\tservices=\(principal.services.joined(separator: ","))" }
                    if !principal.gridScope.isEmpty { line += "\tgrids=\(principal.gridScope.joined(separator: ","))" }
                    line += "\tlive-tokens=\(principal.liveTokens)\(principal.enabled ? "" : "\tdisabled")"
                    print(line)
                }
            }
        }
    }
}
