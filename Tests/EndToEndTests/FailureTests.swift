import EchoContract
import EchoKit
import Foundation
import NIOCore
import Testing
import TestSupport
import WireClient
import WireProtocol
import WireRuntime

#if canImport(Glibc)
import Glibc
#endif

@Suite("End to end: failures of real processes", .serialized)
struct FailureTests {
    @Test("a service killed mid-call: the caller gets UNAVAILABLE at once and the broker lives on")
    func serviceKilled() async throws {
        let stack = try await RunningStack.start()
        let echo = try await stack.startEcho(instanceID: "echo-doomed")
        let connection = try await WireConnection.connect(to: stack.brokerAddress)
        let start = Date()
        async let call: Echo.SleepResponse = connection.call(service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 10_000), as: Echo.SleepResponse.self, deadline: .seconds(30))
        try await Task.sleep(nanoseconds: 300_000_000)
        echo.kill9()
        do {
            _ = try await call
            Issue.record("the call should have failed")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(try await stack.isHealthy())
        #expect(try await stack.instances(of: "echo").isEmpty)
        await connection.close()
        await stack.stop()
    }

    @Test("a silent service (stopped, not dead) is dropped after 3 heartbeat intervals; its calls fail with UNAVAILABLE")
    func silentService() async throws {
        let stack = try await RunningStack.start()
        let echo = try await stack.startEcho(instanceID: "echo-frozen", extraArguments: ["--heartbeat-ms", "200"])
        let connection = try await WireConnection.connect(to: stack.brokerAddress)
        async let call: Echo.SleepResponse = connection.call(service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 10_000), as: Echo.SleepResponse.self, deadline: .seconds(30))
        try await Task.sleep(nanoseconds: 200_000_000)
        kill(echo.pid, SIGSTOP)
        let start = Date()
        do {
            _ = try await call
            Issue.record("the call should have failed")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
        let waited = Date().timeIntervalSince(start)
        #expect(waited >= 0.4 && waited < 3, "dropped after \(waited) s")
        kill(echo.pid, SIGCONT)
        echo.kill9()
        await connection.close()
        await stack.stop()
    }

    @Test("the broker restarted: the service re-registers by itself and calls work again")
    func brokerRestarted() async throws {
        let stack = try await RunningStack.start()
        let echo = try await stack.startEcho(instanceID: "echo-survivor")
        stack.broker.kill9()
        _ = await stack.broker.waitForExit()
        let second = try await stack.restartBroker()
        #expect(await eventually(timeout: 15) { try await stack.instances(of: "echo") == ["echo-survivor"] })
        let result = try await stack.window(["call", "echo.Echo", "--data", #"{"text": "again"}"#])
        #expect(result.status == 0 && result.stdout.contains("again"))
        await echo.stop()
        await second.stop()
        stack.directory.remove()
    }

    @Test("malformed frames from a raw socket: that connection is closed, others keep being served")
    func malformedFrames() async throws {
        let stack = try await RunningStack.start()
        let echo = try await stack.startEcho(instanceID: "echo-steady")
        let good = try await WireConnection.connect(to: stack.brokerAddress)
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
        await echo.stop()
        await stack.stop()
    }

    @Test("a frame that starts but never finishes is closed after the frame timeout")
    func slowSender() async throws {
        let stack = try await RunningStack.start(brokerArguments: ["--frame-timeout-s", "1"])
        let slow = try RawSocket(port: stack.brokerAddress.port)
        slow.send([0, 0, 0, 100, 0x08, 0x01])
        let start = Date()
        #expect(await slow.waitUntilClosed(timeout: 5))
        #expect(Date().timeIntervalSince(start) < 3.5)
        await stack.stop()
    }

    @Test("SIGTERM: the broker finishes calls in flight, refuses new ones, exits 0")
    func gracefulBroker() async throws {
        let stack = try await RunningStack.start()
        let echo = try await stack.startEcho(instanceID: "echo-drain")
        let connection = try await WireConnection.connect(to: stack.brokerAddress)
        async let call: Echo.SleepResponse = connection.call(service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 700), as: Echo.SleepResponse.self)
        try await Task.sleep(nanoseconds: 200_000_000)
        stack.broker.terminate()
        #expect(try await call.sleptMillis >= 700)
        #expect(await stack.broker.waitForExit() == 0)
        await connection.close()
        await echo.stop()
        stack.directory.remove()
    }

    @Test("SIGTERM: a service says goodbye, finishes its calls, exits 0; new calls get UNAVAILABLE")
    func gracefulService() async throws {
        let stack = try await RunningStack.start()
        let echo = try await stack.startEcho(instanceID: "echo-leaving")
        let connection = try await WireConnection.connect(to: stack.brokerAddress)
        async let call: Echo.SleepResponse = connection.call(service: "echo", method: "Sleep", request: Echo.SleepRequest(millis: 700), as: Echo.SleepResponse.self)
        try await Task.sleep(nanoseconds: 200_000_000)
        echo.terminate()
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(await statusOf(connection) == .unavailable)
        #expect(try await call.sleptMillis >= 700)
        #expect(await echo.waitForExit() == 0)
        await connection.close()
        await stack.stop()
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
