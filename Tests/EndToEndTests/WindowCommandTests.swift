import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("End to end: the window client against real processes", .serialized)
struct WindowCommandTests {
    @Test("window services and window.ListServices list the test service with its methods; a call works")
    func servicesAndCall() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-e2e")
            let services = try await stack.window(["services"])
            #expect(services.status == 0, "\(services.stderr)")
            #expect(services.stdout.contains("instance echo-e2e"))
            #expect(services.stdout.contains("echo.Echo(echo.EchoRequest) returns echo.EchoResponse"))

            let listing = try await stack.window(["call", "window.ListServices", "--data", "{}"])
            #expect(listing.status == 0, "\(listing.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any])
            let names = (json["services"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["window", "echo"])
            #expect(listing.stdout.contains("\"name\": \"Validate\""))

            let call = try await stack.window(["call", "echo.Echo", "--data", #"{"text": "社区服务"}"#])
            #expect(call.status == 0)
            #expect(call.stdout.contains(#""text": "社区服务""#))

            let piped = try await stack.window(["call", "echo.Sleep", "--data", "@-"], stdin: #"{"millis": 20}"#)
            #expect(piped.status == 0 && piped.stdout.contains("sleptMillis"), "\(piped.stderr)")
        }
    }

    @Test("exit codes: unregistered service 24 (UNAVAILABLE), bad input 13, unusable JSON 3, no broker 2, usage 64")
    func exitCodes() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-codes")
            let missing = try await stack.window(["call", "nosuch.Method", "--data", "{}"])
            #expect(missing.status == 24)
            #expect(missing.stderr.contains("UNAVAILABLE"))

            let invalid = try await stack.window(["call", "echo.Validate", "--data", #"{"idNumber": "110105194912310021"}"#])
            #expect(invalid.status == 13)
            #expect(invalid.stderr.contains("INVALID_ARGUMENT") && invalid.stderr.contains("id_number"))

            let badJSON = try await stack.window(["call", "echo.Echo", "--data", #"{"nope": 1}"#])
            #expect(badJSON.status == 3 && badJSON.stderr.contains("nope"))

            let noMethod = try await stack.window(["call", "echo.Nope", "--data", "{}"])
            #expect(noMethod.status == 3 && noMethod.stderr.contains("has no method Nope"))

            let deadline = try await stack.window(["call", "echo.Sleep", "--data", #"{"millis": 3000}"#, "--deadline-ms", "200"])
            #expect(deadline.status == 14)

            let usage = try await stack.window(["call"])
            #expect(usage.status == 64)

            // a port held bound but not listening: nothing can answer there
            let unreachable = try await withRefusingPort { port in try await runWindow(["--broker", "127.0.0.1:\(port)", "health"]) }
            #expect(unreachable.status == 2)
            #expect(unreachable.stderr.contains("connection refused"), "\(unreachable.stderr)")

            let help = try await runWindow(["--help"])
            #expect(help.stdout.contains("EXIT STATUS") && help.stdout.contains("24  UNAVAILABLE"))
        }
    }

    @Test("with --principals, callers need a token; the service sees the broker's principal, not a forged one")
    func authentication() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("principals.json")
        try #"""
        [{"token": "clerk-token-0123456789", "id": "clerk-01", "roles": ["clerk"], "grid_scope": ["330902001001001"]},
         {"token": "echo-credential-0123456789", "id": "svc-echo", "services": ["echo"]}]
        """#
        .write(toFile: file, atomically: true, encoding: .utf8)
        // the stack's own look-ups (is the instance listed yet?) present the clerk's token
        try await withRunningStack(brokerArguments: ["--principals", file], token: "clerk-token-0123456789") { stack in
            // Health is open to liveness probes; everything else needs a token
            #expect(try await stack.window(["health"]).status == 0)
            let anonymous = try await stack.window(["call", "echo.WhoAmI", "--data", "{}"])
            #expect(anonymous.status == 26, "\(anonymous.stderr)")
            let wrong = try await stack.window(["--token", "not-a-real-token-xx", "call", "window.Health"])
            #expect(wrong.status == 26)
            _ = try await stack.startEcho(instanceID: "echo-auth", arguments: ["--credential", "echo-credential-0123456789"])
            let who = try await stack.window([
                "--token", "clerk-token-0123456789", "call", "echo.WhoAmI", "--data", "{}",
                "--metadata", "x-principal-id=forged", "--purpose", "family visit",
            ])
            #expect(who.status == 0, "\(who.stderr)")
            #expect(who.stdout.contains(#""principalId": "clerk-01""#))
            #expect(who.stdout.contains("330902001001001"))
            #expect(who.stdout.contains(#""purpose": "family visit""#))
            #expect(!who.stdout.contains("forged"))
        }
    }
}
