import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol
import WireRuntime

/// The employment office as a clerk uses it: the real `broker`, `employment` and `window`
/// executables, talking over loopback.
@Suite("End to end: the employment office through the broker with the window client", .serialized)
struct EmploymentEndToEndTests {
    /// A year from today (Shanghai), as the wire writes dates: the last day of a recognition.
    static var inAYear: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let date = calendar.date(byAdding: .day, value: 365, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A valid resident ID number: district 330902, born 1980-05-`day`, sequence `sequence`,
    /// with its ISO 7064 MOD 11-2 check character computed here.
    static func idNumber(day: Int, sequence: Int = 12) -> String {
        let first17 = "330902198005" + String(String(100 + day).dropFirst()) + String(String(1000 + sequence).dropFirst())
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    static func withWrongCheckCharacter(_ valid: String) -> String {
        String(valid.dropLast()) + (valid.last == "1" ? "2" : "1")
    }

    static func registration(
        _ idNumber: String, category: String = "MINIMUM_LIVING_ALLOWANCE", community: String = "330902001001", grid: String = "330902001001002"
    ) -> String {
        #"{"idNumber": "\#(idNumber)", "name": "张三", "communityCode": "\#(community)", "gridCode": "\#(grid)", "category": "\#(category)", "skills": ["cooking"], "acceptsPromise": true}"#
    }

    func startEmployment(_ stack: RunningStack, instanceID: String, database: String) async throws -> ManagedProcess {
        try await stack.startService(
            executable: "employment", service: "employment", instanceID: instanceID,
            arguments: ["--db", database])
    }

    /// Runs `window call employment.METHOD --data JSON`, requires success and returns the reply as JSON.
    func call(_ stack: RunningStack, _ method: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let result = try await stack.window(["call", "employment.\(method)", "--data", json])
        #expect(result.status == 0, "\(method): \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(method): \(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test("register, post, match, place; a full vacancy exits 19 naming vacancy_id; a wrong check character exits 13; 30 methods listed")
    func officeThroughTheWindow() async throws {
        try await withRunningStack { stack in
            _ = try await startEmployment(stack, instanceID: "employment-e2e", database: stack.directory.file("employment.sqlite"))

            let services = try await stack.window(["services", "employment"])
            #expect(services.status == 0, "\(services.stderr)")
            #expect(services.stdout.contains("instance employment-e2e"))
            let methodLines = services.stdout.split(separator: "\n").filter { $0.hasPrefix("  employment.") && $0.contains(" returns ") }
            #expect(methodLines.count == 30, "\(services.stdout)")
            #expect(services.stdout.contains("employment.RecordPlacement(employment.RecordPlacementRequest) returns employment.Placement"))
            #expect(services.stdout.contains("employment.GetCommunityStatus(employment.CommunityStatusRequest) returns employment.CommunityStatus"))

            let first = Self.idNumber(day: 17)
            let seeker = try await call(stack, "RegisterJobSeeker", Self.registration(first))
            let seekerID = try #require(seeker["seekerId"] as? String)
            #expect(seeker["status"] as? String == "WAITING")
            // the 低保 category is declared; hardship is what staff recognise on evidence
            #expect(seeker["hardship"] as? Bool != true)
            let recognised = try await call(
                stack, "RecognizeHardship",
                #"{"seekerId": "\#(seekerID)", "ground": "HARDSHIP_GROUND_MINIMUM_LIVING_ALLOWANCE", "evidence": "低保证 2026-0012", "validUntil": "\#(Self.inAYear)"}"#
            )
            #expect(recognised["hardship"] as? Bool == true)
            // the window is anonymous here: the ID number comes back masked
            #expect(seeker["idNumber"] as? String == "330902********" + first.suffix(4))
            #expect(seeker["name"] as? String == "张*")
            let other = try await call(stack, "RegisterJobSeeker", Self.registration(Self.idNumber(day: 18), category: "UNEMPLOYED"))
            let otherID = try #require(other["seekerId"] as? String)

            let vacancy = try await call(
                stack, "PostVacancy",
                #"""
                {"kind": "COMMUNITY_SERVICE", "title": "食堂帮厨", "employer": "海滨社区食堂", "communityCode": "330902001001",
                 "positions": 1, "requiredSkills": ["cooking"], "wageFen": 320000, "location": "海滨路 1 号"}
                """#)
            let vacancyID = try #require(vacancy["vacancyId"] as? String)
            #expect(vacancy["status"] as? String == "OPEN")

            let matched = try await call(stack, "MatchVacancies", #"{"seekerId": "\#(seekerID)"}"#)
            let matches = try #require(matched["matches"] as? [[String: Any]])
            let top = try #require(matches.first)
            #expect((top["vacancy"] as? [String: Any])?["vacancyId"] as? String == vacancyID)
            #expect((top["rank"] as? NSNumber)?.intValue == 1)
            let reason = try #require(top["reason"] as? [String: Any])
            #expect(reason["summary"] as? String == "1/1 skills, same community, hardship priority")

            let placement = try await call(stack, "RecordPlacement", #"{"seekerId": "\#(seekerID)", "vacancyId": "\#(vacancyID)", "startDate": "2026-12-01"}"#)
            #expect(placement["promiseKept"] as? Bool == true)
            #expect((placement["placementId"] as? String)?.hasPrefix("P") == true)
            let filled = try await call(stack, "GetVacancy", #"{"vacancyId": "\#(vacancyID)"}"#)
            #expect(filled["status"] as? String == "FILLED")

            let full = try await stack.window([
                "call", "employment.RecordPlacement", "--data", #"{"seekerId": "\#(otherID)", "vacancyId": "\#(vacancyID)", "startDate": "2026-12-01"}"#,
            ])
            #expect(full.status == 19, "\(full.stdout) \(full.stderr)")
            #expect(full.stderr.contains("FAILED_PRECONDITION"))
            #expect(full.stderr.contains("vacancy_id"))

            let wrongCheck = try await stack.window([
                "call", "employment.RegisterJobSeeker", "--data", Self.registration(Self.withWrongCheckCharacter(Self.idNumber(day: 19))),
            ])
            #expect(wrongCheck.status == 13, "\(wrongCheck.stderr)")
            #expect(wrongCheck.stderr.contains("INVALID_ARGUMENT") && wrongCheck.stderr.contains("id_number"))

            let unknownCommunity = try await stack.window([
                "call", "employment.RegisterJobSeeker", "--data",
                Self.registration(Self.idNumber(day: 20), community: "330902001009", grid: "330902001009001"),
            ])
            #expect(unknownCommunity.status == 13, "\(unknownCommunity.stderr)")
            #expect(unknownCommunity.stderr.contains("community_code"))

            let negativeWage = try await stack.window([
                "call", "employment.PostVacancy", "--data",
                #"""
                {"kind": "ENTERPRISE", "title": "x", "employer": "y", "communityCode": "330902001001", "positions": 1, "wageFen": -5}
                """#,
            ])
            #expect(negativeWage.status == 13, "\(negativeWage.stderr)")
            #expect(negativeWage.stderr.contains("wage_fen"))

            // nothing of the refused calls was written
            let listed = try await call(stack, "ListJobSeekers", #"{"communityCode": "330902001001"}"#)
            #expect((listed["seekers"] as? [[String: Any]])?.count == 2)

            // the other seeker moves away and comes back: a second spell of the same person (再就业)
            let gone = try await call(stack, "WithdrawJobSeeker", #"{"seekerId": "\#(otherID)", "reason": "SPELL_END_MOVED_AWAY"}"#)
            #expect(gone["status"] as? String == "WITHDRAWN")
            let back = try await call(stack, "RegisterJobSeeker", Self.registration(Self.idNumber(day: 18), category: "UNEMPLOYED"))
            #expect(back["seekerId"] as? String == otherID)
            #expect((back["spell"] as? NSNumber)?.intValue == 2)

            let status = try await call(stack, "GetCommunityStatus", #"{"communityCode": "330902001001"}"#)
            #expect((status["registered"] as? NSNumber)?.intValue == 3)
            #expect((status["returnsThisMonth"] as? NSNumber)?.intValue == 1)
            #expect((status["waiting"] as? NSNumber)?.intValue == 1)
            #expect((status["placedThisMonth"] as? NSNumber)?.intValue == 1)
            #expect(status["unemploymentFree"] as? Bool == true)
        }
    }

    @Test("an acknowledged registration survives kill -9 of the service: a restart on the same --db finds it")
    func durableAfterKill() async throws {
        try await withRunningStack { stack in
            let database = stack.directory.file("employment.sqlite")
            let first = try await startEmployment(stack, instanceID: "employment-crash-1", database: database)

            var registered: [(id: String, idNumber: String)] = []
            for day in 1...3 {
                let number = Self.idNumber(day: day, sequence: 31)
                let reply = try await call(stack, "RegisterJobSeeker", Self.registration(number))
                registered.append((try #require(reply["seekerId"] as? String), number))
            }
            first.kill9()
            #expect(await first.waitForExit() != nil)
            try await stack.waitUntilGone("employment-crash-1", of: "employment")

            _ = try await startEmployment(stack, instanceID: "employment-crash-2", database: database)
            for seeker in registered {
                let byID = try await call(stack, "GetJobSeeker", #"{"seekerId": "\#(seeker.id)"}"#)
                #expect(byID["seekerId"] as? String == seeker.id)
                #expect(byID["idNumber"] as? String == "330902********" + seeker.idNumber.suffix(4))
                let byNumber = try await call(stack, "GetJobSeeker", #"{"idNumber": "\#(seeker.idNumber)"}"#)
                #expect(byNumber["seekerId"] as? String == seeker.id)
            }
            // and the restarted office still refuses the same resident twice
            let again = try await stack.window(["call", "employment.RegisterJobSeeker", "--data", Self.registration(registered[0].idNumber)])
            #expect(again.status == 16, "\(again.stderr)")  // 10 + ALREADY_EXISTS (6)
        }
    }
}
