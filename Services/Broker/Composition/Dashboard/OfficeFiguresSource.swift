import Domain
import NIOCore
import WindowContract
import WireRuntime

/// One office's figures for a community, as the dashboard shows them: lines a clerk reads, and the
/// one yes/no the city view counts (safe, unemployment-free, volunteers on target), when it has one.
public struct OfficeFigures: Sendable {
    public var lines: [Window.OverviewLine]
    /// The figure the city view counts for this office; nil for an office it does not count.
    public var cityFlag: Bool?

    public init(lines: [Window.OverviewLine], cityFlag: Bool? = nil) {
        self.lines = lines
        self.cityFlag = cityFlag
    }
}

/// Where the community dashboard gets one office's figures: asked through the broker on behalf of
/// the caller, so each office decides what the caller may see. Errors become the part's answer as
/// in the overview (``OfficeAnswerMapping``).
public protocol OfficeFiguresSource: Sendable {
    var office: String { get }
    /// Whether the city view asks this office for every community.
    var countsInCityView: Bool { get }
    func figures(of community: CommunityCode, month: LocalMonth, context: CallContext, deadline: TimeAmount) async throws -> OfficeFigures
}

extension OfficeFiguresSource {
    public var countsInCityView: Bool { true }
}

extension Window.OverviewLine {
    /// A line of a count, a yes/no, or any text.
    static func count(_ label: String, _ value: some BinaryInteger) -> Window.OverviewLine { Window.OverviewLine(label: label, value: "\(value)") }
    static func yesNo(_ label: String, _ value: Bool) -> Window.OverviewLine { Window.OverviewLine(label: label, value: value ? "是" : "否") }
    static func perMille(_ label: String, _ value: some BinaryInteger) -> Window.OverviewLine {
        Window.OverviewLine(label: label, value: String(format: "%.1f%%", Double(value) / 10))
    }
}
