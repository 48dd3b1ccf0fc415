import ArgumentParser
import CommandLineSupport
import DepartmentKit
import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import Logging
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// `employment`: the employment and re-employment office (就业和再就业服务).
@main
struct EmploymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employment",
        abstract: "The employment and re-employment office (就业和再就业服务), service `employment`.",
        discussion: """
            Job seekers, vacancies (public-welfare posts for hardship groups), matching, placement
            with the 48-hour promise, training, start-up loan referrals, community status.
            The contract is proto/employment.proto; call it through the broker with `window`:
              window call employment.RegisterJobSeeker --data '{"idNumber": "…", …}'

            EXAMPLES
              employment --broker 127.0.0.1:7000 --db data/employment.sqlite
              employment seed-demo --db data/employment.sqlite --seekers 300 --community 330902001001 --community 330902001002

            Community and grid codes are checked against the broker's registry (window.ListCommunities),
            cached for a minute; the office reads no communities file of its own.
              employment bench-store --seekers 1000000
            """,
        subcommands: [Serve.self, SeedDemo.self, BenchStore.self],
        defaultSubcommand: Serve.self)

    static let communityHelp = ArgumentHelp(
        "A community code to fill with demo data (repeat for more; default the two demo communities of deploy/communities.json).")
    static let demoCommunities = ["330902001001", "330902001002"]

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dial the broker and serve the office's methods (the default).")
        @OptionGroup var options: DepartmentOptions
        @Option(help: "Hours of the placement promise (不挑不拣保你48小时上岗). Env: EMPLOYMENT_PROMISE_HOURS.")
        var promiseHours = CommandLineSupport.environment("EMPLOYMENT_PROMISE_HOURS", default: 48)
        @Option(help: "Longest wait, days, of an unemployment-free community (无待业社区). Env: EMPLOYMENT_UNEMPLOYMENT_FREE_DAYS.")
        var unemploymentFreeDays = CommandLineSupport.environment("EMPLOYMENT_UNEMPLOYMENT_FREE_DAYS", default: 30)
        @Option(help: "Whether the promise's hours are 'clock' hours or 'working' hours (Monday–Friday only). Env: EMPLOYMENT_PROMISE_CLOCK.")
        var promiseClock = CommandLineSupport.environment("EMPLOYMENT_PROMISE_CLOCK", default: "clock")
        @Option(help: "Suitable offers a seeker may refuse before the promise is released (不挑不拣). Env: EMPLOYMENT_REFUSALS_TO_RELEASE.")
        var refusalsToRelease = CommandLineSupport.environment("EMPLOYMENT_REFUSALS_TO_RELEASE", default: 2)
        @Option(help: "Retirement age of men (end of working age). Env: EMPLOYMENT_RETIREMENT_AGE_MEN.")
        var retirementAgeMen = CommandLineSupport.environment("EMPLOYMENT_RETIREMENT_AGE_MEN", default: 60)
        @Option(help: "Retirement age of women. Env: EMPLOYMENT_RETIREMENT_AGE_WOMEN.")
        var retirementAgeWomen = CommandLineSupport.environment("EMPLOYMENT_RETIREMENT_AGE_WOMEN", default: 55)

        func validate() throws {
            guard (1...720).contains(promiseHours) else { throw ValidationError("--promise-hours must be 1…720") }
            guard EmploymentPolicy.PromiseClock(rawValue: promiseClock) != nil else { throw ValidationError("--promise-clock must be clock or working") }
            guard (1...20).contains(refusalsToRelease) else { throw ValidationError("--refusals-to-release must be 1…20") }
            for age in [retirementAgeMen, retirementAgeWomen] where !(40...75).contains(age) {
                throw ValidationError("--retirement-age-men and --retirement-age-women must be 40…75")
            }
            guard (1...365).contains(unemploymentFreeDays) else { throw ValidationError("--unemployment-free-days must be 1…365") }
        }

        func run() async throws {
            var policy = EmploymentPolicy()
            policy.promiseHours = Int64(promiseHours)
            policy.unemploymentFreeDays = unemploymentFreeDays
            policy.promiseClock = EmploymentPolicy.PromiseClock(rawValue: promiseClock) ?? .clockHours
            policy.refusalsToRelease = refusalsToRelease
            policy.retirementAgeMen = retirementAgeMen
            policy.retirementAgeWomen = retirementAgeWomen
            try await DepartmentService.run(
                name: Employment.serviceName, options: options, migrations: EmploymentMigrations.all
            ) { database, logger in
                EmploymentOffice(database: database, policy: policy, logger: logger).serviceDefinition()
            }
        }
    }

    struct SeedDemo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed-demo", abstract: "Fill an empty database with demo residents, vacancies and a course.")
        @Option(help: "SQLite database file.") var db = "data/employment.sqlite"
        @Option(name: .customLong("community"), help: EmploymentCommand.communityHelp) var communities: [String] = []
        @Option(help: "How many job seekers (1…2000000).") var seekers = 300

        func validate() throws {
            guard (1...2_000_000).contains(seekers) else { throw ValidationError("--seekers must be 1…2000000") }
            for code in communities where (try? CommunityCode(code)) == nil { throw ValidationError("--community \(code) is not a 12-digit community code") }
        }

        func run() async throws {
            let served = try (communities.isEmpty ? EmploymentCommand.demoCommunities : communities).map { try CommunityCode($0) }
            let database = try ServiceDatabase(path: db, migrations: EmploymentMigrations.all, logger: Logger(label: "seed"))
            defer { try? database.close() }
            let seeded = try await DemoData.seed(into: database, communities: served, seekers: seekers)
            print(
                seeded
                    ? "seeded \(seekers) job seekers, \(served.count * 8) vacancies and \(served.count) courses into \(db)"
                    : "\(db) already holds job seekers; left as it is")
        }
    }
}
