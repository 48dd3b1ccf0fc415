import AssistanceContract
import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol

/// The payment run against `kill -9`: the real `assistance` executable killed at random moments
/// of a month's run, at least 20 times, restarted on the same database each time; afterwards the
/// run completes, every household is paid exactly once and the totals reconcile.
@Suite("End to end: the payment run survives kill -9", .serialized)
struct AssistanceCrashTests {
    static let credential = "credential-of-assistance-0123456789"
    static let staff = "token-of-assistance-0123456789"
    static let communities = ["330902001001", "330902001002"]

    static func principalsFile(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("principals.json")
        try """
        [{"token": "\(staff)", "id": "assistance-01", "roles": ["assistance"], "grid_scope": []},
         {"token": "token-of-admin-0123456789", "id": "admin-01", "roles": ["admin"], "grid_scope": []},
         {"token": "\(credential)", "id": "svc-assistance", "services": ["assistance"]}]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("killed 20 times during the run of 2026-11; after each restart the run resumes; in the end everyone is paid once")
    func killedDuringPaymentRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: "token-of-admin-0123456789") { stack in
            let database = stack.directory.file("assistance.sqlite")
            // 20,000 households: 14,000 with an active case, paid in batches of 20.
            let seeded = try await runTool("assistance", ["seed-demo", "--db", database, "--households", "20000"])
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let auth = [MetadataKey.authorization: "Bearer \(Self.staff)"]
            let connection = try await stack.connect()
            defer { Task { await connection.close() } }
            let office = Assistance.AssistanceClient(connection)
            func paid() async -> Int {
                var total = 0
                for community in Self.communities {
                    let reconciliation = try? await office.getReconciliation(
                        Assistance.GetReconciliationRequest(month: "2026-11", communityCode: community), metadata: auth)
                    total += Int(reconciliation?.householdsPaid ?? 0)
                }
                return total
            }

            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var before = 0
            for round in 1...20 {
                let process = try await stack.startService(
                    executable: "assistance", service: "assistance", instanceID: "assistance-crash-\(round)",
                    arguments: ["--db", database, "--credential", Self.credential, "--today", "2026-11-20", "--payment-batch", "20"])
                // The previous kill came before the run was complete.
                let atStart = await paid()
                #expect(atStart < 14_000, "round \(round): already \(atStart) paid")
                let run = Task { try? await office.runPayments(Assistance.RunPaymentsRequest(month: "2026-11"), metadata: auth) }
                // Kill at a random moment once the run has moved on by a random number of batches.
                let target = before + 20 * Int.random(in: 1...12, using: &generator)
                try await waitUntil("round \(round): the run to pass \(target) payments", timeout: .seconds(60)) {
                    await paid() >= target || !process.isRunning
                }
                process.kill9()
                #expect(await process.waitForExit() != nil)
                kills += 1
                _ = await run.value
                try await stack.waitUntilGone("assistance-crash-\(round)", of: "assistance")
                before = max(before, target)
            }
            #expect(kills == 20)

            _ = try await stack.startService(
                executable: "assistance", service: "assistance", instanceID: "assistance-crash-final",
                arguments: ["--db", database, "--credential", Self.credential, "--today", "2026-11-20"])
            let run = try await office.runPayments(Assistance.RunPaymentsRequest(month: "2026-11"), metadata: auth)
            #expect(run.householdsPaid == 14_000)
            #expect(run.completedAtMs > 0)
            // every payment once: the payment lists of both communities name each case once and
            // add up to the run's total, as do the reconciliations
            var cases: Set<String> = []
            var lines = 0
            var listed: Int64 = 0
            var reconciled: Int64 = 0
            for community in Self.communities {
                var token = ""
                repeat {
                    let page = try await office.exportPaymentList(
                        Assistance.ExportPaymentListRequest(month: "2026-11", communityCode: community, pageSize: 500, pageToken: token), metadata: auth)
                    for line in page.csv.split(separator: "\r\n").dropFirst() {
                        cases.insert(String(line.split(separator: ",")[1]))
                        lines += 1
                    }
                    listed += page.pageTotalFen
                    token = page.nextPageToken
                } while !token.isEmpty
                reconciled +=
                    try await office.getReconciliation(Assistance.GetReconciliationRequest(month: "2026-11", communityCode: community), metadata: auth).totalFen
            }
            #expect(lines == 14_000 && cases.count == 14_000)
            #expect(listed == run.totalFen && reconciled == run.totalFen)
            let again = try await office.runPayments(Assistance.RunPaymentsRequest(month: "2026-11"), metadata: auth)
            #expect(again.householdsPaid == run.householdsPaid && again.totalFen == run.totalFen)
        }
    }
}
