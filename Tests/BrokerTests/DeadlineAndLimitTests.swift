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

@Suite("Broker: deadlines, queues and limits")
struct DeadlineAndLimitTests {
    @Test("a call past its deadline gets DEADLINE_EXCEEDED on time and the service is told to stop")
    func deadline() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let start = Date()
            #expect(
                await statusOf {
                    _ = try await connection.call(
                        service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 5000), as: Echo.SleepResponse.self, deadline: .milliseconds(200))
                } == .deadlineExceeded)
            // Not before the deadline, and long before the service's 5 s: the broker answered at
            // the deadline (the upper bound leaves a loaded machine seconds of slack).
            let elapsed = Date().timeIntervalSince(start)
            #expect(elapsed >= 0.19 && elapsed < 4.0, "answered after \(elapsed) s")
            // the CANCEL reached the service: its handler stopped and the slot is free again
            let freed = await eventually(timeout: 2) { try await outstanding(stack) == 0 }
            #expect(freed)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("a call without a deadline gets the broker's finite default")
    func defaultDeadline() async throws {
        try await withStack({ $0.defaultDeadline = .milliseconds(300) }) { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let response = try await connection.call(
                Wire.Frame(kind: .request, service: "echo", method: "Sleep", deadlineMs: 0, payload: Echo.SleepRequest(millis: 3000).serializedBytes()),
                timeout: .seconds(5))
            #expect(response.status?.code == .deadlineExceeded)
            let who = try await connection.call(Wire.Frame(kind: .request, service: "echo", method: "WhoAmI", payload: []), timeout: .seconds(5))
            #expect(try Echo.WhoAmIResponse(serializedBytes: who.payload).deadlineMs <= 300)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("beyond an instance's declared limit calls queue; past the queue bound RESOURCE_EXHAUSTED states the limit")
    func queueBound() async throws {
        try await withStack({ $0.maxQueuedPerService = 2 }) { stack in
            let echo = try await stack.startEcho("echo-a", maxConcurrent: 1)
            let connection = try await stack.connect()
            let results = Collector<String>()
            let sleep: @Sendable (UInt32) async -> Void = { millis in
                do {
                    _ = try await connection.call(service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: millis), as: Echo.SleepResponse.self)
                    results.append("ok")
                } catch let error as RPCError {
                    results.append("\(error.code.name): \(error.message)")
                } catch {
                    results.append("\(error)")
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                // one call takes the instance's only slot, two more wait in the broker's queue
                group.addTask { await sleep(2000) }
                try await stack.waitFor("a call in flight at echo-a") { $0.instances.first?.outstandingCalls == 1 }
                group.addTask { await sleep(50) }
                group.addTask { await sleep(50) }
                try await stack.waitFor("2 calls queued") { $0.queuedCalls == 2 }
                // the queue is full: the next call is refused at once
                await sleep(50)
                try await group.waitForAll()
            }
            let outcomes = results.values
            #expect(outcomes.filter { $0 == "ok" }.count == 3, "\(outcomes)")
            #expect(outcomes.first.map { $0.hasPrefix("RESOURCE_EXHAUSTED") && $0.contains("limit 2") } == true, "\(outcomes)")
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("a queued call whose budget runs out is answered DEADLINE_EXCEEDED without being forwarded")
    func queuedDeadline() async throws {
        try await withStack { stack in
            let echo = try await stack.startEcho("echo-a", maxConcurrent: 1)
            let connection = try await stack.connect()
            async let long: Echo.SleepResponse = connection.call(
                service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 800), as: Echo.SleepResponse.self)
            try await stack.waitFor("the long call in flight at echo-a") { $0.instances.first?.outstandingCalls == 1 }
            do {
                _ = try await connection.call(
                    service: "echo", method: "Echo", request: Echo.EchoRequest(text: "late"), as: Echo.EchoResponse.self, deadline: .milliseconds(200))
                Issue.record("expected DEADLINE_EXCEEDED")
            } catch let error as RPCError {
                #expect(error.code == .deadlineExceeded)
                #expect(error.message.contains("waiting for a free instance"))
            }
            #expect(try await long.sleptMillis >= 800)
            await connection.close()
            await echo.shutdownGracefully()
        }
    }

    @Test("calls in flight per connection are bounded")
    func inFlightLimit() async throws {
        try await withStack({ $0.limits.maxInFlightPerConnection = 2 }) { stack in
            let echo = try await stack.startEcho("echo-a")
            let connection = try await stack.connect()
            let codes = Collector<Wire.StatusCode>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let code = await statusOf {
                            _ = try await connection.call(
                                service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 300), as: Echo.SleepResponse.self)
                        }
                        codes.append(code)
                    }
                }
                try await group.waitForAll()
            }
            #expect(codes.values.sorted { $0.rawValue < $1.rawValue } == [.ok, .ok, .resourceExhausted])
            await connection.close()
            await echo.shutdownGracefully()
        }
    }
}

/// Calls outstanding on all echo instances, as the broker reports them.
func outstanding(_ stack: InProcessStack) async throws -> Int {
    let connection = try await stack.connect()
    defer { Task { await connection.close() } }
    let listing = try await connection.call(
        service: "window", method: "ListServices", request: Window.ListServicesRequest(service: "echo"), as: Window.ListServicesResponse.self)
    return listing.services.flatMap(\.instances).reduce(0) { $0 + Int($1.outstandingCalls) }
}
