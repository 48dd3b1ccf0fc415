import ArgumentParser
import BrokerKit
import CommandLineSupport
import Foundation
import Logging

/// `broker principals …`: who may call the window, managed in broker.sqlite (a running broker
/// picks changes up within --principals-reload-ms). Tokens are printed once, when issued or
/// rotated, and stored only as hashes.
struct PrincipalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "principals",
        abstract: "Issue, list, revoke and rotate the tokens of people, back-office systems and services.",
        discussion: """
            ROLES (what each office's contract admits; see `[roles: …]` in proto/)
              clerk, grid-worker, employment, assistance, health, security, auditor, admin
            A service credential names the services it may register instead: --service employment.

            EXAMPLES
              broker principals issue --id admin-01 --role admin                     # the first administrator
              broker principals issue --id clerk-07 --role clerk --expires-days 90
              broker principals issue --id grid-0102 --role grid-worker --grid 330902001001002
              broker principals issue --id svc-employment --service employment      # a service credential
              broker principals list
              broker principals rotate --id clerk-07
              broker principals revoke --id clerk-07
              broker principals import deploy/principals.example.json
            """,
        subcommands: [Issue.self, List.self, Revoke.self, Rotate.self, Import.self])

    /// The database every principals subcommand works on.
    struct Database: ParsableArguments {
        @Option(help: "The broker's SQLite database. Env: BROKER_DB.")
        var db = CommandLineSupport.environment("BROKER_DB", default: "data/broker.sqlite")

        func open() throws -> PrincipalStore {
            let quiet = Logger(label: "principals", factory: { _ in SwiftLogNoOpLogHandler() })
            return PrincipalStore(database: try BrokerCommand.openDatabase(db, logger: quiet))
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a principal (or update its roles) and print a new token for it, once.")
        @OptionGroup var database: Database
        @Option(help: "Principal id, e.g. clerk-07 or svc-employment.") var id: String
        @Option(name: .customLong("role"), help: "A role (repeat for more).") var roles: [String] = []
        @Option(name: .customLong("grid"), help: "A grid code the principal is scoped to (repeat for more).") var grids: [String] = []
        @Option(name: .customLong("service"), help: "A service this credential may register (repeat for more).") var services: [String] = []
        @Option(help: "Days until the token expires (1…3650; default: never).") var expiresDays: Int?

        func validate() throws {
            if let expiresDays, !(1...3650).contains(expiresDays) { throw ValidationError("--expires-days must be 1…3650") }
            guard !roles.isEmpty || !services.isEmpty else { throw ValidationError("give at least one --role or --service") }
        }

        func run() async throws {
            let store = try database.open()
            defer { try? store.database.close() }
            let token = try await store.issue(
                id: id, roles: roles, gridScope: grids, services: services, expiresIn: expiresDays.map { .seconds($0 * 86_400) })
            print(token)
            FileHandle.standardError.write(Data("issued a token for \(id); it is shown only now\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List principals with their roles and live tokens (never a token).")
        @OptionGroup var database: Database

        func run() async throws {
            let store = try database.open()
            defer { try? store.database.close() }
            for principal in try await store.list() {
                var line = "\(principal.id)\troles=\(principal.roles.joined(separator: ","))"
                if !principal.services.isEmpty { line += "\tservices=\(principal.services.joined(separator: ","))" }
                if !principal.gridScope.isEmpty { line += "\tgrids=\(principal.gridScope.joined(separator: ","))" }
                line += "\tlive-tokens=\(principal.liveTokens)\(principal.enabled ? "" : "\tdisabled")"
                print(line)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of a principal.")
        @OptionGroup var database: Database
        @Option(help: "Principal id.") var id: String

        func run() async throws {
            let store = try database.open()
            defer { try? store.database.close() }
            let count = try await store.revoke(id: id)
            print("revoked \(count) token(s) of \(id)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a principal's tokens and print a new one, once.")
        @OptionGroup var database: Database
        @Option(help: "Principal id.") var id: String
        @Option(help: "Days until the new token expires (1…3650; default: never).") var expiresDays: Int?

        func validate() throws {
            if let expiresDays, !(1...3650).contains(expiresDays) { throw ValidationError("--expires-days must be 1…3650") }
        }

        func run() async throws {
            let store = try database.open()
            defer { try? store.database.close() }
            print(try await store.rotate(id: id, expiresIn: expiresDays.map { .seconds($0 * 86_400) }))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a principals JSON file (tokens are stored as hashes; the file can then be deleted).")
        @OptionGroup var database: Database
        @Argument(help: "The file: [{token, id, roles, grid_scope, services, expires_in_days}].") var file: String

        func run() async throws {
            let store = try database.open()
            defer { try? store.database.close() }
            let entries = try PrincipalFile.load(file)
            try await store.importFile(entries)
            print("imported \(entries.count) principal(s)")
        }
    }
}
