import DepartmentKit
import Domain
import Foundation
import NIOCore
import Storage
import WindowContract
import WireProtocol
import WireRuntime

/// The window's composed methods (service `WindowComposition` of window.proto): the resident
/// overview (一人一档) fans out to every office at once and answers within the caller's deadline.
///
/// It runs inside the broker process as the registered instance of service `window` that serves
/// these methods, so every office call it makes goes through the broker's routing, access control
/// and audit like any caller's, carrying the call handle the broker gave this call: the offices see,
/// and the audit log records, the clerk who asked (via `service:window`), never the composition
/// itself. Each office renders its part for the clerk's roles; the composition only arranges it.
public struct WindowComposition: Window.WindowCompositionService {
    /// The offices asked, in the order their parts are shown.
    public let sources: [any OfficeSummarySource]
    /// The offices' community figures, in dashboard order.
    public let figureSources: [any OfficeFiguresSource]
    /// broker.sqlite: evaluations and rectification items (see ``CompositionMigrations``).
    let database: ServiceDatabase
    /// Working days for rectification deadlines (holidays and make-up days).
    let calendar: WorkingDayCalendar
    /// The communities and grids registry, fetched through the broker.
    let registry: CommunityRegistryCache
    /// Today's local date (Asia/Shanghai); a fixed date in tests.
    let today: @Sendable () -> LocalDate
    /// Sends life events' steps to the offices (nil: life events are not taken in).
    let lifeEvents: LifeEventRunner?

    public init(
        database: ServiceDatabase, calendar: WorkingDayCalendar = .weekdays, registry: CommunityRegistryCache = CommunityRegistryCache(),
        today: @escaping @Sendable () -> LocalDate = { LocalDate.today() }, sources: [any OfficeSummarySource] = WindowComposition.offices,
        figureSources: [any OfficeFiguresSource] = WindowComposition.officeFigures, lifeEvents: LifeEventRunner? = nil
    ) {
        self.lifeEvents = lifeEvents
        self.figureSources = figureSources
        self.database = database
        self.calendar = calendar
        self.registry = registry
        self.today = today
        self.sources = sources
    }

    /// The offices of the community window, in overview order.
    public static let offices: [any OfficeSummarySource] = [EmploymentSummary(), AssistanceSummary(), HealthSummary(), SecuritySummary()]
    /// The offices' community figures, in dashboard order.
    public static let officeFigures: [any OfficeFiguresSource] = [EmploymentFigures(), AssistanceFigures(), HealthFigures(), SecurityFigures()]

    public func getResidentOverview(_ request: Window.GetResidentOverviewRequest, context: CallContext) async throws -> Window.GetResidentOverviewResponse {
        var validation = Validation()
        let resident = validation.residentID(request.idNumber, field: "id_number")
        try validation.finish()
        guard let resident else { throw RPCError.invalidArgument(field: "id_number", "is required") }
        context.reportResidents([resident.rawValue])

        let budget = Self.budget(context)
        let sources = self.sources
        let parts = await OfficeAnswerMapping.inParallel(sources.count) { index in
            await Self.part(sources[index], resident: resident, context: context, budget: budget)
        }
        return Window.GetResidentOverviewResponse(idNumberMasked: resident.masked, offices: parts)
    }

    /// One office's part: its lines, or how it failed to give them.
    static func part(_ source: any OfficeSummarySource, resident: ResidentIdentityNumber, context: CallContext, budget: TimeAmount) async
        -> Window.OfficeOverview
    {
        await OfficeAnswerMapping.part(source.office) {
            try await source.summary(of: resident, context: context, deadline: budget).map { ($0, ()) }
        }.part
    }
}
