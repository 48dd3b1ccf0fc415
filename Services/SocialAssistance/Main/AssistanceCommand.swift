import ArgumentParser
import AssistanceContract
import AssistanceKit
import CommandLineSupport
import DepartmentKit
import Domain
import Foundation
import Logging
import Storage

/// `assistance`: the social assistance office (社会救助).
@main
struct AssistanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistance",
        abstract: "The social assistance office (社会救助), service `assistance`.",
        discussion: """
            Households with members, incomes and work capacity; minimum living
            allowance (低保) cases: apply → community review with the means test →
            public notice (公示, at least 7 days) with objections → approve or
            reject → active → periodic review → continue, adjust or stop;
            standards per community with effective dates; the monthly payment run
            (救济金发放), reconciliation, the payment list for the finance office;
            medical and education grants; special groups and care doorbells
            (爱心门铃); volunteers, pairing and visits.

            The contract is proto/assistance.proto; call it through the broker:
              window call assistance.GetHousehold --data '{"householdId": "H1"}'
              window call assistance.RunPayments --data '{"month": "2026-11"}'

            EXAMPLES
              assistance --broker 127.0.0.1:7000 --db data/assistance.sqlite
              assistance --notice-days 10 --alarm-escalation-minutes 5
              assistance seed-demo --db data/assistance.sqlite --households 400
              assistance bench --households 143000

            Community and grid codes are checked against the broker's registry
            (window.ListCommunities), cached for a minute.
            """,
        subcommands: [Serve.self, SeedDemo.self, BenchOffice.self],
        defaultSubcommand: Serve.self)

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dial the broker and serve the office's methods (the default).")
        @OptionGroup var options: DepartmentOptions
        @Option(help: "Days of public notice (公示) before approval, at least 7. Env: ASSISTANCE_NOTICE_DAYS.")
        var noticeDays = CommandLineSupport.environment("ASSISTANCE_NOTICE_DAYS", default: 7)
        @Option(help: "Months between reviews of a household with no work capacity. Env: ASSISTANCE_REVIEW_MONTHS_NO_CAPACITY.")
        var reviewMonthsNoCapacity = CommandLineSupport.environment("ASSISTANCE_REVIEW_MONTHS_NO_CAPACITY", default: 12)
        @Option(help: "Months between reviews with partial capacity or serious illness. Env: ASSISTANCE_REVIEW_MONTHS_PARTIAL.")
        var reviewMonthsPartial = CommandLineSupport.environment("ASSISTANCE_REVIEW_MONTHS_PARTIAL", default: 6)
        @Option(help: "Months between reviews of an able-bodied household. Env: ASSISTANCE_REVIEW_MONTHS_ABLE_BODIED.")
        var reviewMonthsAbleBodied = CommandLineSupport.environment("ASSISTANCE_REVIEW_MONTHS_ABLE_BODIED", default: 3)
        @Option(help: "Cases paid per transaction of the payment run. Env: ASSISTANCE_PAYMENT_BATCH.")
        var paymentBatch = CommandLineSupport.environment("ASSISTANCE_PAYMENT_BATCH", default: 2000)
        @Option(help: "Minutes within which a care doorbell alarm must be acknowledged before it is escalated. Env: ASSISTANCE_ALARM_ESCALATION_MINUTES.")
        var alarmEscalationMinutes = CommandLineSupport.environment("ASSISTANCE_ALARM_ESCALATION_MINUTES", default: 10)
        @Option(help: "Volunteer target per 10,000 residents (100 = 1% of the population). Env: ASSISTANCE_VOLUNTEER_TARGET.")
        var volunteerTarget = CommandLineSupport.environment("ASSISTANCE_VOLUNTEER_TARGET", default: 100)
        @Option(
            help:
                "Run the office's clock as if today were this date, YYYY-MM-DD (demos and tests that walk a case through its 7 days of notice; default: the real date). Env: ASSISTANCE_TODAY."
        )
        var today = CommandLineSupport.environment("ASSISTANCE_TODAY", default: "")

        func validate() throws {
            guard (7...60).contains(noticeDays) else { throw ValidationError("--notice-days must be 7…60 (the policy asks for at least 7)") }
            for months in [reviewMonthsNoCapacity, reviewMonthsPartial, reviewMonthsAbleBodied] where !(1...24).contains(months) {
                throw ValidationError("review intervals must be 1…24 months")
            }
            guard (1...100_000).contains(paymentBatch) else { throw ValidationError("--payment-batch must be 1…100000") }
            guard (1...1440).contains(alarmEscalationMinutes) else { throw ValidationError("--alarm-escalation-minutes must be 1…1440") }
            guard (1...10_000).contains(volunteerTarget) else { throw ValidationError("--volunteer-target must be 1…10000") }
            guard today.isEmpty || (try? LocalDate(iso: today)) != nil else { throw ValidationError("--today must be a date YYYY-MM-DD") }
        }

        func run() async throws {
            var policy = AssistancePolicy()
            policy.noticeDays = noticeDays
            policy.reviewMonthsNoWorkCapacity = reviewMonthsNoCapacity
            policy.reviewMonthsPartialOrIll = reviewMonthsPartial
            policy.reviewMonthsAbleBodied = reviewMonthsAbleBodied
            policy.paymentBatchSize = paymentBatch
            policy.alarmEscalationMinutes = alarmEscalationMinutes
            policy.volunteerTargetPerTenThousand = volunteerTarget
            // The clock runs on from the given date: the real instant shifted by whole days.
            let shift = today.isEmpty ? 0 : Double(try LocalDate(iso: today).days(from: LocalDate.today())) * 86_400
            try await DepartmentService.run(name: Assistance.serviceName, options: options, migrations: AssistanceMigrations.all) { database, logger in
                AssistanceOffice(database: database, policy: policy, logger: logger, now: { Date().addingTimeInterval(shift) }).serviceDefinition()
            }
        }
    }

    struct SeedDemo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed-demo",
            abstract: "Fill an empty database with demo households, a standard per community and cases in every state.")
        @Option(help: "SQLite database file.") var db = "data/assistance.sqlite"
        @Option(
            name: .customLong("community"),
            help: "A community code to fill (repeat for more; default the two demo communities of deploy/communities.json).")
        var communities: [String] = []
        @Option(help: "How many households (1…2000000).") var households = 400

        func validate() throws {
            guard (1...2_000_000).contains(households) else { throw ValidationError("--households must be 1…2000000") }
            for code in communities where (try? CommunityCode(code)) == nil { throw ValidationError("--community \(code) is not a 12-digit community code") }
        }

        func run() async throws {
            let served = try (communities.isEmpty ? ["330902001001", "330902001002"] : communities).map { try CommunityCode($0) }
            let database = try ServiceDatabase(path: db, migrations: AssistanceMigrations.all, logger: Logger(label: "seed"))
            defer { try? database.close() }
            let seeded = try await DemoData.seed(into: database, communities: served, households: households)
            print(seeded ? "seeded \(households) households with cases into \(db)" : "\(db) already holds households; left as it is")
        }
    }
}
