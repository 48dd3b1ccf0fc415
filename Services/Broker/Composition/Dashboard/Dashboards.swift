import DepartmentKit
import Domain
import GRDB
import NIOCore
import WindowContract
import WireProtocol
import WireRuntime

/// The community dashboard and the city view: every office's figures at once, through the broker
/// on behalf of the caller, with the window's own evaluation figures beside them.
extension WindowComposition {
    /// Communities asked at once by the city view (each is a call to three offices).
    static let cityFanOut = 8
    /// The most communities a city view covers (the registry's size in practice).
    static let cityLimit = 2_000

    public func getCommunityDashboard(_ request: Window.GetCommunityDashboardRequest, context: CallContext) async throws -> Window.CommunityDashboard {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let month = request.month.isEmpty ? LocalMonth(today()) : validation.month(request.month, field: "month")
        try await validation.registered(community, field: "community_code", in: registry, context: context)
        try validation.finish()
        let code = try validation.unwrap(community, field: "community_code")
        let counted = try validation.unwrap(month, field: "month")
        let name = try await registry.community(code, context: context)?.name ?? ""

        let budget = Self.budget(context)
        let sources = figureSources
        let parts = await OfficeAnswerMapping.inParallel(sources.count) { index in
            await Self.figures(sources[index], community: code, month: counted, context: context, budget: budget).0
        }
        let today = self.today()
        let (open, overdue, satisfaction) = try await database.read { db in
            (
                try EvaluationStore.openRectifications(db, community: code.rawValue, overdueBefore: nil),
                try EvaluationStore.openRectifications(db, community: code.rawValue, overdueBefore: today),
                try EvaluationStore.figures(db, month: counted.description, by: "community_code").first { $0.key == code.rawValue }
            )
        }
        return Window.CommunityDashboard(
            communityCode: code.rawValue, communityName: name, month: counted.description, offices: parts, openRectifications: UInt32(open),
            overdueRectifications: UInt32(overdue), ratings: UInt32(satisfaction?.ratings ?? 0),
            satisfiedPerMille: UInt32(EvaluationRules.perMille(satisfied: satisfaction?.satisfied ?? 0, of: satisfaction?.ratings ?? 0)))
    }

    public func getCityView(_ request: Window.GetCityViewRequest, context: CallContext) async throws -> Window.CityView {
        var validation = Validation()
        let month = request.month.isEmpty ? LocalMonth(today()) : validation.month(request.month, field: "month")
        try validation.finish()
        let counted = try validation.unwrap(month, field: "month")
        let communities = try await Window.WindowClient(context).listCommunities(Window.ListCommunitiesRequest()).communities
        guard communities.count <= Self.cityLimit else {
            throw RPCError(.resourceExhausted, "the registry holds \(communities.count) communities; the city view covers at most \(Self.cityLimit)")
        }
        let satisfaction = try await database.read { db in try EvaluationStore.figures(db, month: counted.description, by: "community_code") }
        let ratings = Dictionary(uniqueKeysWithValues: satisfaction.map { ($0.key, $0) })
        let sources = figureSources.filter(\.countsInCityView)
        let budget = Self.budget(context)

        // A bounded fan-out: at most `cityFanOut` communities in flight, in registry order.
        var rows = [Window.CityCommunity?](repeating: nil, count: communities.count)
        await withTaskGroup(of: (Int, Window.CityCommunity).self) { group in
            var next = 0
            func start() {
                guard next < communities.count else { return }
                let (index, community) = (next, communities[next])
                next += 1
                group.addTask {
                    (index, await Self.cityRow(community, sources: sources, month: counted, context: context, budget: budget))
                }
            }
            for _ in 0..<Self.cityFanOut { start() }
            for await (index, row) in group {
                rows[index] = row
                start()
            }
        }
        var view = Window.CityView(month: counted.description, communities: UInt32(communities.count))
        var allRatings = 0
        var allSatisfied = 0
        for var row in rows.compactMap({ $0 }) {
            let figures = ratings[row.communityCode]
            row.ratings = UInt32(figures?.ratings ?? 0)
            row.satisfiedPerMille = UInt32(EvaluationRules.perMille(satisfied: figures?.satisfied ?? 0, of: figures?.ratings ?? 0))
            allRatings += figures?.ratings ?? 0
            allSatisfied += figures?.satisfied ?? 0
            if !row.missing.contains("security") {
                view.safetyKnown += 1
                if row.safe { view.safe += 1 }
            }
            if !row.missing.contains("employment") {
                view.employmentKnown += 1
                if row.unemploymentFree { view.unemploymentFree += 1 }
            }
            if !row.missing.contains("assistance") {
                view.volunteersKnown += 1
                if row.volunteerTargetMet { view.volunteerTargetMet += 1 }
            }
            view.byCommunity.append(row)
        }
        view.safePerMille = UInt32(EvaluationRules.perMille(satisfied: Int(view.safe), of: Int(view.safetyKnown)))
        view.safeTargetMet = view.safetyKnown > 0 && view.safePerMille >= 600
        view.ratings = UInt32(allRatings)
        view.satisfiedPerMille = UInt32(EvaluationRules.perMille(satisfied: allSatisfied, of: allRatings))
        return view
    }

    /// The time left less a margin, so that a slow office shows as TIMED_OUT before the caller
    /// gives up on the whole answer. The margin (a fifth of the time left, at most 500 ms) covers
    /// the broker's deadline timer, the composition and the reply on a busy machine: 200 ms was
    /// once too little on two shared cores, and the whole overview missed a 3 s deadline by 1 ms.
    static func budget(_ context: CallContext) -> TimeAmount {
        let remaining = context.remaining
        return remaining - min(.milliseconds(500), .nanoseconds(remaining.nanoseconds / 5))
    }

    /// One office's figures as a dashboard part, and the city flag when it answered.
    static func figures(
        _ source: any OfficeFiguresSource, community: CommunityCode, month: LocalMonth, context: CallContext, budget: TimeAmount
    ) async -> (Window.OfficeOverview, Bool?) {
        let (part, figures) = await OfficeAnswerMapping.part(source.office) {
            let figures = try await source.figures(of: community, month: month, context: context, deadline: budget)
            return (figures.lines, figures)
        }
        return (part, figures?.cityFlag)
    }

    static func cityRow(
        _ community: Window.Community, sources: [any OfficeFiguresSource], month: LocalMonth, context: CallContext, budget: TimeAmount
    ) async -> Window.CityCommunity {
        var row = Window.CityCommunity(communityCode: community.code, communityName: community.name)
        guard let code = try? CommunityCode(community.code) else {
            row.missing = sources.map(\.office)
            return row
        }
        let flags = await OfficeAnswerMapping.inParallel(sources.count) { index in
            await figures(sources[index], community: code, month: month, context: context, budget: budget).1
        }
        for (source, flag) in zip(sources, flags) {
            guard let flag else {
                row.missing.append(source.office)
                continue
            }
            switch source.office {
            case "security": row.safe = flag
            case "employment": row.unemploymentFree = flag
            case "assistance": row.volunteerTargetMet = flag
            default: break
            }
        }
        return row
    }
}
