import ArgumentParser
import CommandLineSupport
import DepartmentKit
import Domain
import Foundation
import HealthContract
import HealthKit
import Logging
import Storage

/// `health`: the community health and family planning office (社区卫生和计划生育).
@main
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "The community health and family planning office (社区卫生和计划生育), service `health`.",
        discussion: """
            Resident health records (健康档案) for registered and floating residents, with the priority
            groups derived from the ID number; chronic disease programmes (hypertension, diabetes, others
            as data) with enrolment, range-checked follow-ups, the overdue list and the control rate;
            home sickbeds; family planning for registered and floating residents alike (births,
            contraceptives, follow-up visits); services delivered per month; coverage per community.
            Diagnoses and measurements go to health staff only; other callers see whether a record
            exists and its priority flags. The contract is proto/health.proto; call it with `window`:
              window call health.GetHealthRecord --data '{"idNumber": "…"}'

            EXAMPLES
              health --broker 127.0.0.1:7000 --db data/health.sqlite --credential "$HEALTH_CREDENTIAL"
              health seed-demo --db data/health.sqlite --records 400
              health seed-demo --db /tmp/scale.sqlite --records 1000000 --community 330902001001 --community 330902001002

            Community and grid codes are checked against the broker's registry (window.ListCommunities),
            cached for a minute; the office reads no communities file of its own.
            """,
        subcommands: [Serve.self, SeedDemo.self, BenchStore.self],
        defaultSubcommand: Serve.self)

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dial the broker and serve the office's methods (the default).")
        @OptionGroup var options: DepartmentOptions
        @Option(help: "Elderly (老年人) from this age. Env: HEALTH_ELDERLY_FROM_AGE.")
        var elderlyFromAge = CommandLineSupport.environment("HEALTH_ELDERLY_FROM_AGE", default: 65)
        @Option(help: "Children (儿童) younger than this age. Env: HEALTH_CHILD_UNDER_AGE.")
        var childUnderAge = CommandLineSupport.environment("HEALTH_CHILD_UNDER_AGE", default: 6)
        @Option(help: "Women of child-bearing age (育龄妇女) from this age. Env: HEALTH_CHILD_BEARING_FROM.")
        var childBearingFrom = CommandLineSupport.environment("HEALTH_CHILD_BEARING_FROM", default: 15)
        @Option(help: "Women of child-bearing age up to and including this age. Env: HEALTH_CHILD_BEARING_TO.")
        var childBearingTo = CommandLineSupport.environment("HEALTH_CHILD_BEARING_TO", default: 49)
        @Option(help: "Coverage target: at least one health facility per this many residents (policy: 20000–25000). Env: HEALTH_RESIDENTS_PER_FACILITY.")
        var residentsPerFacility = CommandLineSupport.environment("HEALTH_RESIDENTS_PER_FACILITY", default: 25_000)
        @Option(help: "Days between family-planning follow-up visits (随访探视) by default. Env: HEALTH_FAMILY_PLANNING_VISIT_DAYS.")
        var familyPlanningVisitDays = CommandLineSupport.environment("HEALTH_FAMILY_PLANNING_VISIT_DAYS", default: 90)

        func validate() throws {
            guard (50...100).contains(elderlyFromAge) else { throw ValidationError("--elderly-from-age must be 50…100") }
            guard (1...18).contains(childUnderAge) else { throw ValidationError("--child-under-age must be 1…18") }
            guard (10...60).contains(childBearingFrom), (childBearingFrom...60).contains(childBearingTo) else {
                throw ValidationError("--child-bearing-from and --child-bearing-to must be 10…60, from ≤ to")
            }
            guard (1000...1_000_000).contains(residentsPerFacility) else { throw ValidationError("--residents-per-facility must be 1000…1000000") }
            guard (7...365).contains(familyPlanningVisitDays) else { throw ValidationError("--family-planning-visit-days must be 7…365") }
        }

        func run() async throws {
            var policy = HealthPolicy()
            policy.elderlyFromAge = elderlyFromAge
            policy.childUnderAge = childUnderAge
            policy.childBearingAges = childBearingFrom...childBearingTo
            policy.residentsPerFacility = residentsPerFacility
            policy.familyPlanningVisitDays = familyPlanningVisitDays
            try await DepartmentService.run(name: Health.serviceName, options: options, migrations: HealthMigrations.all) { database, logger in
                HealthOffice(database: database, policy: policy, logger: logger).serviceDefinition()
            }
        }
    }

    struct SeedDemo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed-demo", abstract: "Fill an empty database with demo health records, enrolments and follow-ups.")
        @Option(help: "SQLite database file.") var db = "data/health.sqlite"
        @Option(
            name: .customLong("community"),
            help: "A community code to fill (repeat for more; default the two demo communities of deploy/communities.json).")
        var communities: [String] = []
        @Option(help: "How many health records (1…2000000); about a sixth are enrolled in a chronic programme.") var records = 400

        func validate() throws {
            guard (1...2_000_000).contains(records) else { throw ValidationError("--records must be 1…2000000") }
            for code in communities where (try? CommunityCode(code)) == nil { throw ValidationError("--community \(code) is not a 12-digit community code") }
        }

        func run() async throws {
            let served = try (communities.isEmpty ? ["330902001001", "330902001002"] : communities).map { try CommunityCode($0) }
            let database = try ServiceDatabase(path: db, migrations: HealthMigrations.all, logger: Logger(label: "seed"))
            defer { try? database.close() }
            let seeded = try await DemoData.seed(into: database, communities: served, records: records)
            print(
                seeded
                    ? "seeded \(records) health records (with enrolments, follow-ups, sickbeds, family-planning files, facilities and events) into \(db)"
                    : "\(db) already holds health records; left as it is")
        }
    }
}
