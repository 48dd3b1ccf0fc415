import EchoContract
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol

/// The test kit's own promises: ports are the ones the processes bound and announced, and no
/// process outlives `withRunningStack`, however its body ends.
@Suite("The test kit: withRunningStack", .serialized)
struct RunningStackTests {
    struct PlannedFailure: Error {}

    @Test("every process the stack started is stopped when the body throws, a frozen one too")
    func stopsEverythingOnThrow() async throws {
        let started = Collector<ManagedProcess>()
        await #expect(throws: PlannedFailure.self) {
            try await withRunningStack { stack in
                started.append(stack.broker)
                let running = try await stack.startEcho(instanceID: "echo-abandoned")
                started.append(running)
                let frozen = try await stack.startEcho(instanceID: "echo-frozen-abandoned")
                started.append(frozen)
                frozen.suspend()
                throw PlannedFailure()
            }
        }
        #expect(started.values.count == 3)
        for process in started.values {
            #expect(!process.isRunning, "\(process.name) still runs")
            #expect(process.exitStatus != nil, "\(process.name) was not reaped")
        }
    }

    @Test("the broker and a service's direct listener bind port 0 and print the port they got")
    func announcedPorts() async throws {
        try await withRunningStack { stack in
            #expect(stack.brokerAddress.host == "127.0.0.1" && stack.brokerAddress.port > 0)
            let echo = try await stack.startEcho(instanceID: "echo-direct", arguments: ["--listen", "127.0.0.1:0"])
            let direct = try await echo.announcedAddress("serving direct clients on ")
            #expect(direct.port > 0 && direct.port != stack.brokerAddress.port)
            let connection = try await WireConnection.connect(to: direct)
            let reply = try await connection.call(service: "echo", method: "Echo", request: Echo.EchoRequest(text: "直连"), as: Echo.EchoResponse.self)
            #expect(reply.text == "直连" && reply.instanceId == "echo-direct")
            await connection.close()
        }
    }
}
