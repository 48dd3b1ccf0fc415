import ArgumentParser
import CommandLineSupport
import Foundation
import NIOCore
import ProtoReflection
import WindowKit
import WireClient
import WireProtocol

/// `window`: the one-stop window's command line for clerks and scripts (modelled on grpcurl).
@main
struct WindowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "The one-stop service window's client: list services, call any method with JSON.",
        discussion: """
            EXAMPLES
              window services
              window health
              window call window.ListServices --data '{}'
              window call echo.Echo --data '{"text": "你好"}'
              echo '{"millis": 50}' | window call echo.Sleep --data @-
              WINDOW_TOKEN=… window --broker 10.0.0.5:7000 call employment.GetJobSeeker --data @request.json --purpose "placement interview"

            THE CLERK'S COMMANDS (readable text; --json for scripts)
              window resident "$ID"                  one resident across all four offices (一人一档)
              window dashboard 330902001001          one community from all offices at once
              window city                            every community against the city's targets
              window rate employment RegisterJobSeeker 330902001001 满意     a resident's rating (好差评)
              window event newcomer --file deploy/forms/newcomer.json      a life event taken in once (一件事一次办)
              window event status SL20261130000001                        where it stands, office by office

            JSON uses the proto3 mapping: field names in lowerCamelCase (or as in the .proto),
            64-bit integers as strings, bytes as base64, enums by name.

            EXIT STATUS
            \(WindowExitCode.helpTable)
            """,
        subcommands: [
            Services.self, Call.self, Health.self, ClerkCommands.Resident.self, ClerkCommands.Dashboard.self, ClerkCommands.City.self,
            ClerkCommands.Rate.self, EventCommand.self, AuditCommand.self, AdminCommand.self,
        ])

    /// `window --broker X services` reads naturally; swift-argument-parser only accepts a
    /// subcommand's options after its name, so move the connection options there.
    static func main() async {
        var leading: [String] = []
        var rest = Array(CommandLine.arguments.dropFirst())
        let global = ["--broker", "--token", "--deadline-ms"]
        while let first = rest.first, global.contains(where: { first == $0 || first.hasPrefix($0 + "=") }) {
            leading.append(rest.removeFirst())
            if !first.contains("="), let value = rest.first {
                leading.append(value)
                rest.removeFirst()
            }
        }
        if let subcommand = rest.first, !subcommand.hasPrefix("-") {
            // `audit`, `admin` and `event` have subcommands of their own: the options go after them.
            let depth = ["audit", "admin", "event"].contains(subcommand) && rest.count > 1 && !rest[1].hasPrefix("-") ? 2 : 1
            rest.insert(contentsOf: leading, at: depth)
        } else {
            rest = leading + rest
        }
        await main(rest)
    }

    struct Connection: ParsableArguments {
        @Option(help: "The broker, HOST:PORT. Env: WINDOW_BROKER.")
        var broker = CommandLineSupport.environment("WINDOW_BROKER", default: "127.0.0.1:7000")

        @Option(help: "Bearer token sent as metadata 'authorization'. Env: WINDOW_TOKEN.")
        var token = CommandLineSupport.environment("WINDOW_TOKEN", default: "")

        @Option(help: "Deadline of the call, ms.")
        var deadlineMs = 10_000

        func validate() throws {
            guard PeerAddress(broker) != nil else { throw ValidationError("--broker must be HOST:PORT (got \"\(broker)\")") }
            guard deadlineMs > 0 && deadlineMs <= 300_000 else { throw ValidationError("--deadline-ms must be 1…300000") }
        }

        var metadata: [String: String] {
            token.isEmpty ? [:] : [MetadataKey.authorization: "Bearer \(token)"]
        }

        func client() async throws -> WindowSession {
            try await WindowSession.connect(to: PeerAddress(broker)!, metadata: metadata, deadline: .milliseconds(Int64(deadlineMs)))
        }

        /// Connects, runs `body`, closes the connection; errors become the documented exit codes.
        func withSession(_ body: (WindowSession) async throws -> Void) async throws {
            try await WindowCommand.exiting {
                let session = try await client()
                do {
                    try await body(session)
                } catch {
                    await session.close()
                    throw error
                }
                await session.close()
            }
        }
    }

    struct Services: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered services, their instances and methods.")
        @OptionGroup var connection: Connection
        @Argument(help: "Only this service.") var service: String = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await connection.withSession { client in
                let listing = try await client.services(named: service)
                print(json ? try ProtoJSON.json(of: listing) : WindowSession.describe(listing))
            }
        }
    }

    struct Health: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask the broker whether it is serving.")
        @OptionGroup var connection: Connection

        func run() async throws {
            try await connection.withSession { client in
                print(try ProtoJSON.json(of: await client.health()))
            }
        }
    }

    struct Call: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Call SERVICE.METHOD with a JSON request; print the JSON response.")
        @OptionGroup var connection: Connection
        @Argument(help: "SERVICE.METHOD, e.g. echo.Echo or window.ListServices.") var method: String
        @Option(help: "The request as JSON, @FILE to read a file, @- to read standard input.") var data = "{}"
        @Option(help: "Purpose of access (metadata 'purpose'), recorded when personal data is read.") var purpose = ""
        @Option(help: "Idempotency key for a write that may be retried.") var idempotencyKey = ""
        @Option(name: .customLong("metadata"), help: "Extra metadata KEY=VALUE (repeatable).") var extra: [String] = []

        func validate() throws {
            for pair in extra where !pair.contains("=") {
                throw ValidationError("--metadata takes KEY=VALUE (got \"\(pair)\")")
            }
        }

        func run() async throws {
            try await WindowCommand.exiting {
                let json = try readData()
                var metadata: [String: String] = [:]
                for pair in extra {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    metadata[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                }
                if !purpose.isEmpty { metadata[MetadataKey.purpose] = purpose }
                if !idempotencyKey.isEmpty { metadata[MetadataKey.idempotencyKey] = idempotencyKey }
                try await connection.withSession { client in
                    print(try await client.call(method, json: json, extraMetadata: metadata))
                }
            }
        }

        private func readData() throws -> String {
            guard data.hasPrefix("@") else { return data }
            let path = String(data.dropFirst())
            if path == "-" {
                return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw WindowSession.BadRequest(description: "cannot read \(path)")
            }
            return String(decoding: contents, as: UTF8.self)
        }
    }

    /// Runs a subcommand, printing errors plainly and exiting with the documented status.
    static func exiting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RPCError {
            var message = "window: \(error.code.name): \(error.message)"
            for violation in error.violations where !error.message.contains(violation.description) {
                message += "\n  \(violation.field): \(violation.description)"
            }
            let unreachable = error.code == .unavailable && error.message.hasPrefix("cannot connect")
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(unreachable ? WindowExitCode.brokerUnreachable : WindowExitCode.status(error.code))
        } catch let error as WindowSession.BadRequest {
            FileHandle.standardError.write(Data("window: \(error.description)\n".utf8))
            throw ExitCode(WindowExitCode.badRequest)
        } catch let error as ProtoCodecError {
            FileHandle.standardError.write(Data("window: \(error.description)\n".utf8))
            throw ExitCode(WindowExitCode.badRequest)
        }
    }
}
