import Domain
import NIOCore
import WindowContract
import WireRuntime

/// Where the resident overview gets one office's part: the office's name and how to ask it about
/// one resident, through the broker, on behalf of the caller of the overview.
///
/// It exists so that each office's part of 一人一档 is one small type beside the others, mapping the
/// office's own typed reply (already rendered by the office for the caller's role) to the lines a
/// clerk reads. `summary` returns nil when the office has no record of the resident; any error it
/// throws (NOT_FOUND included) is turned into the part's answer by ``OfficeAnswerMapping``.
public protocol OfficeSummarySource: Sendable {
    /// The office's service name (employment, assistance, health, security).
    var office: String { get }
    /// The office's lines for `resident`, asked through `context` within `deadline`.
    func summary(of resident: ResidentIdentityNumber, context: CallContext, deadline: TimeAmount) async throws -> [Window.OverviewLine]?
}
