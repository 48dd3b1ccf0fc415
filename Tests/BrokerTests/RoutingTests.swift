import EchoContract
import EchoKit
import Foundation
import NIOCore
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol
import WireRuntime

@Suite("Broker: registration and routing")
struct RoutingTests {
    @Test("a registered instance is listed with its methods; Health counts it")
    func registration() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let listing = try await connection.call(
                service: "window", method: "ListServices", request: Window.ListServicesRequest(), as: Window.ListServicesResponse.self)
            let service = try #require(listing.services.first { $0.name == "echo" })
            #expect(service.instances.map(\.instanceId) == ["echo-a"])
            #expect(Set(service.methods.map(\.name)) == ["Echo", "Sleep", "Fail", "Validate", "Relay", "WhoAmI"])
            #expect(service.methods.first { $0.name == "Echo" }?.requestType == "echo.EchoRequest")
            #expect(listing.services.first?.name == "window")
            let health = try await connection.call(service: "window", method: "Health", request: Window.HealthRequest(), as: Window.HealthResponse.self)
            #expect(health.status == "SERVING" && health.services == 1 && health.instances == 1)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("calls are spread over the instances of a service")
    func spread() async throws {
        try await withStack { stack in
            let a = try await stack.startEcho("echo-a"), b = try await stack.startEcho("echo-b")
            let connection = try await stack.connect()
            var seen: Set<String> = []
            for i in 0..<20 {
                let reply = try await connection.call(service: "echo", method: "Echo", request: Echo.EchoRequest(text: "\(i)"), as: Echo.EchoResponse.self)
                #expect(reply.text == "\(i)")
                seen.insert(reply.instanceId)
            }
            #expect(seen == ["echo-a", "echo-b"])
            await connection.close()
            await a.shutdownGracefully()
            await b.shutdownGracefully()
        }
    }

    @Test("many calls in flight on one connection are answered out of order")
    func outOfOrder() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let order = Collector<UInt32>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Sent first, answered last: gaps wide enough to hold on a loaded 2-core machine.
                for millis in [1200, 600] as [UInt32] {
                    group.addTask {
                        _ = try await connection.call(service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: millis), as: Echo.SleepResponse.self)
                        order.append(millis)
                    }
                }
                // both sleeps are at the instance before the fast call is sent
                try await stack.waitFor("2 calls in flight at echo-a") { $0.instances.first?.outstandingCalls == 2 }
                group.addTask {
                    _ = try await connection.call(service: "echo", method: "Echo", request: Echo.EchoRequest(text: "fast"), as: Echo.EchoResponse.self)
                    order.append(0)
                }
                try await group.waitForAll()
            }
            #expect(order.values == [0, 600, 1200])
            // and a burst of 500 concurrent calls all come back matched to their requests
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<500 {
                    group.addTask {
                        let reply = try await connection.call(
                            service: "echo", method: "Echo", request: Echo.EchoRequest(text: "call \(i)"), as: Echo.EchoResponse.self)
                        #expect(reply.text == "call \(i)")
                    }
                }
                try await group.waitForAll()
            }
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("unknown service: UNAVAILABLE at once; unknown method: UNIMPLEMENTED")
    func unknowns() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let start = Date()
            #expect(await statusOf { _ = try await connection.callRaw(service: "nosuch", method: "X", payload: []) } == .unavailable)
            #expect(Date().timeIntervalSince(start) < 1)
            #expect(await statusOf { _ = try await connection.callRaw(service: "echo", method: "NoSuch", payload: []) } == .unimplemented)
            #expect(await statusOf { _ = try await connection.callRaw(service: "window", method: "NoSuch", payload: []) } == .unimplemented)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("bad input is INVALID_ARGUMENT naming every bad field; handler errors keep their status")
    func validation() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            do {
                _ = try await connection.call(
                    service: "echo", method: "Validate", request: Echo.ValidateRequest(idNumber: "110105194912310021", amountFen: -1),
                    as: Echo.ValidateResponse.self)
                Issue.record("expected INVALID_ARGUMENT")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument)
                #expect(error.violations.map(\.field) == ["id_number", "amount_fen"])
                #expect(!error.message.contains("110105194912310021"), "the full ID number must not be echoed back")
            }
            let ok = try await connection.call(
                service: "echo", method: "Validate", request: Echo.ValidateRequest(idNumber: "11010519491231002X", amountFen: 5), as: Echo.ValidateResponse.self
            )
            #expect(ok.maskedIdNumber == "110105********002X" && ok.birthDate == "1949-12-31" && ok.sex == "female")
            for code in [Wire.StatusCode.notFound, .permissionDenied, .failedPrecondition, .alreadyExists] {
                #expect(
                    await statusOf {
                        _ = try await connection.call(
                            service: "echo", method: "Fail", request: Echo.FailRequest(code: code, message: "m"), as: Echo.FailResponse.self)
                    } == code)
            }
            // a payload that is not the method's message
            #expect(
                await statusOf { _ = try await connection.callRaw(service: "echo", method: "Echo", payload: [0x0A, 0x02, 0xFF, 0xFE]) } == .invalidArgument)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("a nested call through the broker carries the remaining deadline")
    func relay() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let reply = try await connection.call(
                service: "echo", method: "Relay", request: Echo.RelayRequest(service: "echo", method: "Echo", text: "nested"), as: Echo.RelayResponse.self,
                deadline: .milliseconds(3000))
            #expect(reply.text == "nested")
            #expect(reply.passedDeadlineMs <= 3000 && reply.passedDeadlineMs > 2000)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }
}
