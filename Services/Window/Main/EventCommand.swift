import ArgumentParser
import Foundation
import NIOCore
import ProtoReflection
import WindowContract
import WindowKit
import WireClient
import WireProtocol

/// `window event …`: a life event taken in once (一件事一次办) — `newcomer`, `release` or `dibao`
/// from a JSON form, and `status RECEIPT` — with a progress line while the offices' steps complete.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Take a life event in once (新市民落脚, 刑满释放, 低保申请) and follow it by its receipt number.",
        discussion: """
            The form is JSON in the proto3 mapping of window.NewcomerForm, window.ReleaseForm or window.DibaoForm (deploy/forms/ has one of each). The intake is stored and answered with a receipt number at once; the broker then asks each office on your behalf, retrying while an office is down, and this command shows a progress line (on standard error) until every step has ended or --wait runs out.

            EXAMPLES
              WINDOW_TOKEN=… window event newcomer --file form.json --idempotency-key k1
              WINDOW_TOKEN=… window event dibao --file household.json --wait 120
              WINDOW_TOKEN=… window event status SL20261130000001
            """,
        subcommands: [Newcomer.self, Release.self, Dibao.self, Status.self, List.self])

    /// Options shared by the intake commands.
    struct Intake: ParsableArguments {
        @Option(help: ArgumentHelp("The form, JSON; - reads standard input.", valueName: "FORM.json")) var file: String
        @Option(help: "Idempotency key: the same key (and clerk) takes the event in once, however often it is sent.") var idempotencyKey = ""
        @OptionGroup var follow: Follow

        func form(_ typeName: String) throws -> [UInt8] {
            let text: String
            do {
                text =
                    file == "-"
                    ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                    : try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ValidationError("--file \(file): cannot be read (\(error.localizedDescription))")
            }
            guard let schema = ProtoRegistry.shared.message(named: typeName) else { throw ValidationError("this window binary does not know \(typeName)") }
            do {
                return try ProtoCBridge.encode(try ProtoJSON.message(fromJSON: text, schema: schema))
            } catch {
                throw ValidationError("--file \(file) does not fit \(typeName): \(error)")
            }
        }

        func take(_ connection: WindowCommand.Connection, _ build: @escaping @Sendable ([UInt8]) throws -> Window.StartLifeEventRequest, type: String)
            async throws
        {
            let request = try build(try form(type))
            try await connection.withSession { session in
                let event = try await Window.WindowCompositionClient(session.connection).startLifeEvent(
                    request, deadline: session.deadline, metadata: session.metadata, idempotencyKey: idempotencyKey.isEmpty ? nil : idempotencyKey)
                try await follow.show(event, session: session)
            }
        }
    }

    /// How the event is followed after it is shown.
    struct Follow: ParsableArguments {
        @Option(help: "Seconds to follow the steps before printing where they stand (0: print at once).") var wait = 60
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            guard (0...3600).contains(wait) else { throw ValidationError("--wait must be 0…3600 seconds") }
        }

        /// Polls the event until it has finished or --wait has passed, printing a progress line on
        /// standard error whenever it changes; then prints the event.
        func show(_ first: Window.LifeEvent, session: WindowSession) async throws {
            var event = first
            let until = NIODeadline.now() + .seconds(Int64(wait))
            var shown = ""
            let interactive = isatty(STDERR_FILENO) != 0
            while event.state == .lifeEventInProgress && NIODeadline.now() < until {
                let line = LifeEventViews.progress(event)
                if line != shown {
                    FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[K" : "") + line + (interactive ? "" : "\n")).utf8))
                    shown = line
                }
                try await Task.sleep(nanoseconds: 250_000_000)
                event = try await Window.WindowCompositionClient(session.connection).getLifeEvent(
                    Window.GetLifeEventRequest(receipt: event.receipt), deadline: session.deadline, metadata: session.metadata)
            }
            if interactive && !shown.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            print(json ? try ProtoJSON.json(of: event) : LifeEventViews.event(event))
        }
    }

    struct Newcomer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A newcomer's arrival: floating-population registration, health and family-planning file, job-seeker registration if asked.")
        @OptionGroup var connection: WindowCommand.Connection
        @OptionGroup var intake: Intake

        func run() async throws {
            try await intake.take(
                connection, { Window.StartLifeEventRequest(kind: .lifeEventNewcomer, newcomer: try Window.NewcomerForm(serializedBytes: $0)) },
                type: "window.NewcomerForm")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A release from prison: resettlement case, job-seeker registration as a released prisoner, household check.")
        @OptionGroup var connection: WindowCommand.Connection
        @OptionGroup var intake: Intake

        func run() async throws {
            try await intake.take(
                connection, { Window.StartLifeEventRequest(kind: .lifeEventRelease, release: try Window.ReleaseForm(serializedBytes: $0)) },
                type: "window.ReleaseForm")
        }
    }

    struct Dibao: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A 低保 application: each member checked with employment and health (kept as evidence), then the household and its case.")
        @OptionGroup var connection: WindowCommand.Connection
        @OptionGroup var intake: Intake

        func run() async throws {
            try await intake.take(
                connection, { Window.StartLifeEventRequest(kind: .lifeEventDibao, dibao: try Window.DibaoForm(serializedBytes: $0)) },
                type: "window.DibaoForm")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where a life event stands: each office's step, the evidence kept, what to do next.",
            discussion: "EXAMPLE\n  WINDOW_TOKEN=… window event status SL20261130000001 --wait 30")
        @OptionGroup var connection: WindowCommand.Connection
        @Argument(help: "The receipt number (统一受理编号).") var receipt: String
        @Option(help: "Seconds to follow the steps while it is in progress (default 0: print at once).") var wait = 0
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await connection.withSession { session in
                let event = try await Window.WindowCompositionClient(session.connection).getLifeEvent(
                    Window.GetLifeEventRequest(receipt: receipt), deadline: session.deadline, metadata: session.metadata)
                // Following works as after an intake; only the default wait differs (0 here).
                try await Follow.parse(["--wait", String(wait)] + (json ? ["--json"] : [])).show(event, session: session)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The worklist: life events newest first — those needing your action, those in progress.",
            discussion: "EXAMPLE\n  WINDOW_TOKEN=… window event list --state needs-action --community 330902001001")
        @OptionGroup var connection: WindowCommand.Connection
        @Option(help: "needs-action, in-progress, completed or all.") var state = "all"
        @Option(help: "A community's 12-digit code (default: every community).") var community = ""
        @Option(help: "Events a page (1…500).") var pageSize = 50
        @Option(help: "The next page, as the previous page printed it.") var pageToken = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        static let states: [String: Window.LifeEventState] = [
            "needs-action": .lifeEventNeedsAction, "in-progress": .lifeEventInProgress, "completed": .lifeEventCompleted, "all": .unspecified,
        ]

        func validate() throws {
            guard Self.states[state] != nil else { throw ValidationError("--state must be needs-action, in-progress, completed or all") }
            guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be 1…500") }
        }

        func run() async throws {
            try await connection.withSession { session in
                let reply = try await Window.WindowCompositionClient(session.connection).listLifeEvents(
                    Window.ListLifeEventsRequest(
                        state: Self.states[state] ?? .unspecified, communityCode: community, pageSize: UInt32(pageSize), pageToken: pageToken),
                    deadline: session.deadline, metadata: session.metadata)
                print(json ? try ProtoJSON.json(of: reply) : LifeEventViews.list(reply))
            }
        }
    }
}
