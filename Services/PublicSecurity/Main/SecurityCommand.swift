import ArgumentParser
import CommandLineSupport
import DepartmentKit
import Domain
import Foundation
import Logging
import SecurityContract
import SecurityKit
import Storage
import WireRuntime

/// `security`: the community police office (社区警务).
@main
struct SecurityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security",
        abstract: "The community police office (社区警务), service `security`.",
        discussion: """
            Released prisoners' resettlement (安置帮教) and community-correction (社区矫正) cases:
            open a case for a term, assign helpers, record check-ins, list missed check-ins, close.
            Cases are read by security staff only; an officer limited to some grids reads another
            grid's case only with a purpose of access (window --purpose …), marked for the audit review.
            The floating population (流动人口): arrival, departure, lists by grid, counts per community,
            residence-permit (居住证) eligibility after six months; rented dwellings (出租房屋) with tenants.
            The contract is proto/security.proto; call it through the broker with `window`:
              window call security.OpenCase --data '{"kind": "COMMUNITY_CORRECTION", "idNumber": "…", …}'

            EXAMPLES
              security --broker 127.0.0.1:7000 --db data/security.sqlite --credential "$SECURITY_CREDENTIAL"
              security --correction-check-in-days 14          (a check-in every two weeks by default)
              security seed-demo --db data/security.sqlite --cases 12 --community 330902001001 --community 330902001002
              security bench-store --registrations 1000000      (the scale check: lookup and grid page, µs)

            Community and grid codes are checked against the broker's registry (window.ListCommunities),
            cached for a minute; the office reads no communities file of its own.
            """,
        subcommands: [Serve.self, SeedDemo.self, BenchStore.self],
        defaultSubcommand: Serve.self)

    /// The two demo communities of deploy/communities.json.
    static let demoCommunities = ["330902001001", "330902001002"]

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dial the broker and serve the office's methods (the default).")
        @OptionGroup var options: DepartmentOptions
        @Option(help: "Days per check-in period of a community-correction case that names none. Env: SECURITY_CORRECTION_CHECK_IN_DAYS.")
        var correctionCheckInDays = CommandLineSupport.environment("SECURITY_CORRECTION_CHECK_IN_DAYS", default: 7)
        @Option(help: "Days per check-in period of a resettlement case that names none. Env: SECURITY_RESETTLEMENT_CHECK_IN_DAYS.")
        var resettlementCheckInDays = CommandLineSupport.environment("SECURITY_RESETTLEMENT_CHECK_IN_DAYS", default: 30)
        @Option(help: "Months of continuous registration before a residence permit (居住证). Env: SECURITY_RESIDENCE_PERMIT_MONTHS.")
        var residencePermitMonths = CommandLineSupport.environment("SECURITY_RESIDENCE_PERMIT_MONTHS", default: 6)
        @Option(help: "Households from which a community calls for two officers, not one (一区一警, 1–2 by size). Env: SECURITY_TWO_OFFICERS_FROM_HOUSEHOLDS.")
        var twoOfficersFromHouseholds = CommandLineSupport.environment("SECURITY_TWO_OFFICERS_FROM_HOUSEHOLDS", default: 3000)
        @Option(help: "Safe community (安全小区): days a dispute may stay open. Env: SECURITY_DISPUTE_MAX_OPEN_DAYS.")
        var disputeMaxOpenDays = CommandLineSupport.environment("SECURITY_DISPUTE_MAX_OPEN_DAYS", default: 30)
        @Option(help: "Safe community: months back in which a serious incident counts. Env: SECURITY_SAFE_INCIDENT_WINDOW_MONTHS.")
        var safeIncidentWindowMonths = CommandLineSupport.environment("SECURITY_SAFE_INCIDENT_WINDOW_MONTHS", default: 12)
        @Option(help: "Safe community: serious incidents allowed in that window. Env: SECURITY_MAX_SERIOUS_INCIDENTS.")
        var maxSeriousIncidents = CommandLineSupport.environment("SECURITY_MAX_SERIOUS_INCIDENTS", default: 0)
        @Option(help: "Share of safe communities to reach, per mille (安全小区建成率60%以上). Env: SECURITY_SAFE_TARGET_PER_MILLE.")
        var safeTargetPerMille = CommandLineSupport.environment("SECURITY_SAFE_TARGET_PER_MILLE", default: 600)
        @Option(help: "Months after which an emergency plan or its last drill is stale (应急预案). Env: SECURITY_PREPAREDNESS_MONTHS.")
        var preparednessMonths = CommandLineSupport.environment("SECURITY_PREPAREDNESS_MONTHS", default: 12)

        func validate() throws {
            guard (1...366).contains(correctionCheckInDays) else { throw ValidationError("--correction-check-in-days must be 1…366") }
            guard (1...366).contains(resettlementCheckInDays) else { throw ValidationError("--resettlement-check-in-days must be 1…366") }
            guard (1...120).contains(residencePermitMonths) else { throw ValidationError("--residence-permit-months must be 1…120") }
            guard (1...100_000).contains(twoOfficersFromHouseholds) else { throw ValidationError("--two-officers-from-households must be 1…100000") }
            guard (1...3650).contains(disputeMaxOpenDays) else { throw ValidationError("--dispute-max-open-days must be 1…3650") }
            guard (1...120).contains(safeIncidentWindowMonths) else { throw ValidationError("--safe-incident-window-months must be 1…120") }
            guard (0...1000).contains(maxSeriousIncidents) else { throw ValidationError("--max-serious-incidents must be 0…1000") }
            guard (0...1000).contains(safeTargetPerMille) else { throw ValidationError("--safe-target-per-mille must be 0…1000") }
            guard (1...120).contains(preparednessMonths) else { throw ValidationError("--preparedness-months must be 1…120") }
        }

        func run() async throws {
            var policy = SecurityPolicy()
            policy.correctionCheckInDays = correctionCheckInDays
            policy.resettlementCheckInDays = resettlementCheckInDays
            policy.residencePermitMonths = residencePermitMonths
            policy.twoOfficersFromHouseholds = twoOfficersFromHouseholds
            policy.disputeMaxOpenDays = disputeMaxOpenDays
            policy.safeIncidentWindowMonths = safeIncidentWindowMonths
            policy.maxSeriousIncidents = maxSeriousIncidents
            policy.safeCommunityTargetPerMille = safeTargetPerMille
            policy.preparednessMonths = preparednessMonths
            try await DepartmentService.run(name: Security.serviceName, options: options, migrations: SecurityMigrations.all) { database, logger in
                SecurityOffice(database: database, policy: policy, logger: logger).serviceDefinition()
            }
        }
    }

    struct SeedDemo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed-demo",
            abstract: "Fill an empty database with demo cases (some with missed check-ins), floating population and rented dwellings.",
            discussion:
                "Uses the registry's demo communities (deploy/communities.json) unless --community is given; leaves a database that holds cases as it is.")
        @Option(help: "SQLite database file.") var db = "data/security.sqlite"
        @Option(name: .customLong("community"), help: "A community code to fill (repeat for more; default 330902001001 and 330902001002).")
        var communities: [String] = []
        @Option(help: "Supervision cases per community (1…1000).") var cases = 12
        @Option(help: "Floating-population registrations per community (0…20000).") var floating = 60

        func validate() throws {
            guard (1...1000).contains(cases) else { throw ValidationError("--cases must be 1…1000") }
            guard (0...20_000).contains(floating) else { throw ValidationError("--floating must be 0…20000") }
            for code in communities where (try? CommunityCode(code)) == nil { throw ValidationError("--community \(code) is not a 12-digit community code") }
        }

        func run() async throws {
            let served = try (communities.isEmpty ? SecurityCommand.demoCommunities : communities).map { try CommunityCode($0) }
            let database = try ServiceDatabase(path: db, migrations: SecurityMigrations.all, logger: Logger(label: "seed"))
            defer { try? database.close() }
            let seeded = try await DemoData.seed(into: database, communities: served, cases: cases, floating: floating)
            print(
                seeded
                    ? "seeded \(cases * served.count) supervision cases and \(floating * served.count) floating-population registrations into \(db)"
                    : "\(db) already holds cases; left as it is")
        }
    }
}
