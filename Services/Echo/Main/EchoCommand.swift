import ArgumentParser
import DepartmentKit
import EchoKit

/// `echo-service`: the test service, run like every office (same flags and environment variables).
@main
struct EchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-service",
        abstract: "The test service `echo`: Echo, Sleep, Fail, Validate, Relay, WhoAmI (proto/echo.proto).",
        discussion: """
            Dials the broker, registers, heartbeats and serves calls; reconnects when the broker
            restarts. With --listen it also serves clients directly (no broker in between), which
            the benchmark uses to show the broker's own cost. SIGTERM/SIGINT: says GOODBYE to the
            broker, finishes calls in flight, exits 0. It keeps no data (--db is ignored).

            EXAMPLES
              echo-service --broker 127.0.0.1:7000
              echo-service --broker 127.0.0.1:7000 --listen 127.0.0.1:0 --max-concurrent 256
            """)

    @OptionGroup var options: DepartmentOptions

    func run() async throws {
        try await DepartmentService.run(name: "echo", options: options) { instanceID, _ in
            EchoHandlers(instanceID: instanceID).serviceDefinition()
        }
    }
}
