import DepartmentKit
import Testing

@Suite("DepartmentOptions: the flags every office takes")
struct DepartmentOptionsTests {
    @Test("idempotency keys are kept a week unless --idempotency-retention-hours says otherwise, within 1 hour…1 year")
    func idempotencyRetention() throws {
        #expect(try DepartmentOptions.parse([]).idempotencyRetentionHours == 168)
        #expect(try DepartmentOptions.parse(["--idempotency-retention-hours", "48"]).idempotencyRetentionHours == 48)
        for refused in ["0", "-1", "9000"] {
            #expect(throws: (any Error).self) { try DepartmentOptions.parse(["--idempotency-retention-hours", refused]) }
        }
    }

    @Test("malformed addresses and out-of-range limits are refused with the flag named")
    func refusals() {
        for arguments in [["--broker", "nowhere"], ["--listen", "1.2.3.4"], ["--max-concurrent", "0"], ["--max-frame-bytes", "10"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try DepartmentOptions.parse(arguments) }
        }
    }
}
