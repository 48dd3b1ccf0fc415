import EchoContract
import Foundation
import NIOCore
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

/// Real processes failing in the ways production ones do. Before it kills, freezes or stops a
/// process, each test waits on state it can observe, never on the clock: what the broker reports
/// in `window.ListServices` (an instance listed, a call in flight, an instance gone after
/// GOODBYE) or what the service itself shows (its only slot taken by a running call).
@Suite("End to end: failures of real processes", .serialized)
struct FailureTests {
    @Test("a service killed mid-call: the caller gets UNAVAILABLE at once and the broker lives on")
    func serviceKilled() async throws {
        try await withRunningStack { stack in
            let echo = try await stack.startEcho(instanceID: "echo-doomed")
            let connection = try await stack.connect()
            async let call: Echo.SleepResponse = connection.call(
                service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 10_000), as: Echo.SleepResponse.self, deadline: .seconds(30))
            try await stack.waitForCallsInFlight(instanceID: "echo-doomed")
            let killed = Date()
            echo.kill9()
            do {
                _ = try await call
                Issue.record("the call should have failed")
            } catch let error as RPCError {
                #expect(error.code == .unavailable)
            }
            #expect(Date().timeIntervalSince(killed) < 3)
            #expect(try await stack.isHealthy())
            #expect(try await stack.instances(of: "echo").isEmpty)
            await connection.close()
        }
    }

    @Test("a silent service (stopped, not dead) is dropped after 3 heartbeat intervals; its calls fail with UNAVAILABLE")
    func silentService() async throws {
        try await withRunningStack { stack in
            let echo = try await stack.startEcho(instanceID: "echo-frozen", arguments: ["--heartbeat-ms", "200"])
            let connection = try await stack.connect()
            async let call: Echo.SleepResponse = connection.call(
                service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 10_000), as: Echo.SleepResponse.self, deadline: .seconds(30))
            try await stack.waitForCallsInFlight(instanceID: "echo-frozen")
            echo.suspend()
            let start = Date()
            do {
                _ = try await call
                Issue.record("the call should have failed")
            } catch let error as RPCError {
                #expect(error.code == .unavailable)
            }
            // Only an upper bound: the silence is counted from the service's last heartbeat, which a
            // busy machine may have delayed before the process was stopped.
            let waited = Date().timeIntervalSince(start)
            #expect(waited < 3, "dropped after \(waited) s")
            #expect(try await stack.instances(of: "echo").isEmpty)
            await connection.close()
            // the stack thaws and stops it
        }
    }

    @Test("the broker restarted: the service re-registers by itself and calls work again")
    func brokerRestarted() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-survivor")
            let first = stack.broker
            first.kill9()
            #expect(await first.waitForExit() == 128 + 9)
            try await stack.restartBroker()
            try await stack.waitForInstance("echo-survivor", of: "echo", "echo-survivor to re-register with the new broker") { _ in true }
            #expect(try await stack.instances(of: "echo") == ["echo-survivor"])
            let result = try await stack.window(["call", "echo.Echo", "--data", #"{"text": "again"}"#])
            #expect(result.status == 0 && result.stdout.contains("again"), "\(result.stderr)")
        }
    }

    @Test("malformed frames from a raw socket: that connection is closed, others keep being served")
    func malformedFrames() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-steady")
            let good = try await stack.connect()
            _ = try await good.call(service: "echo", method: "Echo", request: Echo.EchoRequest(text: "before"), as: Echo.EchoResponse.self)

            // 1. a frame whose body is not a protobuf Wire.Frame
            let garbage = try RawSocket(port: stack.brokerAddress.port)
            garbage.send([0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF])
            if case .frame(let frame) = await garbage.readFrame() {
                #expect(frame.kind == .error && frame.status?.code == .invalidArgument)
            } else {
                Issue.record("expected an ERROR frame")
            }
            #expect(await garbage.waitUntilClosed())

            // 2. a length above the limit: refused with the size and the limit, before the body is sent
            let oversize = try RawSocket(port: stack.brokerAddress.port)
            oversize.send([0x00, 0x50, 0x00, 0x00])  // 5 MiB
            if case .frame(let frame) = await oversize.readFrame() {
                #expect(frame.status?.code == .resourceExhausted)
                #expect(frame.status?.message.contains("5242880") == true && frame.status?.message.contains("4194304") == true)
            } else {
                Issue.record("expected an ERROR frame")
            }
            #expect(await oversize.waitUntilClosed())

            // 3. a request with call id 0, and a strings that is not UTF-8
            let zero = try RawSocket(port: stack.brokerAddress.port)
            zero.send(Wire.Frame(callId: 0, kind: .request, service: "echo", method: "Echo"))
            #expect(await zero.waitUntilClosed())
            let badString = try RawSocket(port: stack.brokerAddress.port)
            badString.send([0, 0, 0, 6, 0x08, 0x01, 0x1A, 0x02, 0xC3, 0x28])
            #expect(await badString.waitUntilClosed())

            // 4. random bytes
            for _ in 0..<20 {
                let random = try RawSocket(port: stack.brokerAddress.port)
                random.send((0..<64).map { _ in UInt8.random(in: 0...255) })
            }

            // the other connection and the broker are fine
            let after = try await good.call(service: "echo", method: "Echo", request: Echo.EchoRequest(text: "after"), as: Echo.EchoResponse.self)
            #expect(after.text == "after")
            #expect(try await stack.isHealthy())
            await good.close()
        }
    }

    @Test("a frame that starts but never finishes is closed after the frame timeout")
    func slowSender() async throws {
        try await withRunningStack(brokerArguments: ["--frame-timeout-s", "1"]) { stack in
            let slow = try RawSocket(port: stack.brokerAddress.port)
            slow.send([0, 0, 0, 100, 0x08, 0x01])
            let start = Date()
            #expect(await slow.waitUntilClosed(timeout: 5))
            #expect(Date().timeIntervalSince(start) < 3.5)
        }
    }

    @Test("SIGTERM: the broker finishes calls in flight, refuses new ones, exits 0")
    func gracefulBroker() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-drain")
            let connection = try await stack.connect()
            async let call: Echo.SleepResponse = connection.call(
                service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 1500), as: Echo.SleepResponse.self)
            try await stack.waitForCallsInFlight(instanceID: "echo-drain")
            stack.broker.terminate()
            // once it drains, new calls on the open connection are refused
            try await waitUntil("the broker to refuse new calls") { await statusOf(connection) == .unavailable }
            #expect(try await call.sleptMillis >= 1500)
            #expect(await stack.broker.waitForExit() == 0)
            await connection.close()
        }
    }

    @Test("SIGTERM: a service says goodbye, finishes its calls, exits 0; new calls get UNAVAILABLE")
    func gracefulService() async throws {
        try await withRunningStack { stack in
            // one call at a time, and a direct listener to look at the service itself
            let echo = try await stack.startEcho(instanceID: "echo-leaving", arguments: ["--max-concurrent", "1", "--listen", "127.0.0.1:0"])
            let probe = try await WireConnection.connect(to: try await echo.announcedAddress("serving direct clients on "))
            let connection = try await stack.connect()
            // The broker forwarding the call is not enough: it must be running in the service,
            // which then refuses a direct call for want of its only slot. Should the call end
            // before it was seen running (a probe took the slot at the moment it arrived, or the
            // machine stalled for its whole duration), it is sent again.
            var call: Task<Echo.SleepResponse, any Error>?
            for attempt in 1...5 where call == nil {
                let ended = Collector<String>()
                let sleeping = Task {
                    do {
                        let reply = try await connection.call(
                            service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 700), as: Echo.SleepResponse.self)
                        ended.append("slept \(reply.sleptMillis) ms")
                        return reply
                    } catch {
                        ended.append("\(error)")
                        throw error
                    }
                }
                var running = false
                try await waitUntil("the Sleep call to run in echo-leaving") {
                    running = await statusOf(probe) == .resourceExhausted
                    return running || !ended.values.isEmpty
                }
                if running {
                    call = sleeping
                } else {
                    print("gracefulService: attempt \(attempt): the call ended before it was seen running: \(ended.values)")
                }
            }
            let sleeping = try #require(call, "the Sleep call was never seen running in echo-leaving")
            await probe.close()
            echo.terminate()
            // GOODBYE has reached the broker when it no longer lists the instance (a draining
            // instance takes no new calls)
            try await stack.waitUntilGone("echo-leaving", of: "echo")
            #expect(await statusOf(connection) == .unavailable)
            #expect(try await sleeping.value.sleptMillis >= 700)
            #expect(await echo.waitForExit() == 0)
            await connection.close()
        }
    }

    private func statusOf(_ connection: WireConnection) async -> Wire.StatusCode {
        do {
            _ = try await connection.call(service: "echo", method: "Echo", request: Echo.EchoRequest(text: "x"), as: Echo.EchoResponse.self)
            return .ok
        } catch let error as RPCError {
            return error.code
        } catch {
            return .unknown
        }
    }
}
