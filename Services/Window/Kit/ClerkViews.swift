import WindowContract

/// How the clerk's commands print the window's composed answers as text a person reads: one
/// block per office with its answer in Chinese and its lines aligned, then the window's own
/// figures. `--json` prints the messages instead.
public enum ClerkViews {
    /// The office names clerks use.
    public static let officeNames = ["employment": "就业", "assistance": "社会救助", "health": "卫生计生", "security": "社区警务"]

    static func answer(_ part: Window.OfficeOverview) -> String {
        switch part.answer {
        case .found: "有记录"
        case .noRecord: "无记录"
        case .refused: "无权查看"
        case .unavailable: "暂不可用"
        case .timedOut: "超时未答"
        case .failed, .unspecified: "出错"
        }
    }

    /// The offices' parts: a heading line for each, then its lines indented.
    static func parts(_ parts: [Window.OfficeOverview]) -> String {
        parts.map { part in
            var head = "\(officeNames[part.office] ?? part.office) (\(part.office))  \(answer(part))"
            if part.answer != .found && part.answer != .noRecord && !part.message.isEmpty { head += ": \(part.status) \(part.message)" }
            let lines = part.lines.map { [$0.label, $0.value] }
            return lines.isEmpty ? head : head + "\n" + TextColumns.layout(lines, indent: "  ")
        }.joined(separator: "\n")
    }

    public static func overview(_ reply: Window.GetResidentOverviewResponse) -> String {
        "居民 \(reply.idNumberMasked)\n" + parts(reply.offices)
    }

    public static func dashboard(_ board: Window.CommunityDashboard) -> String {
        var text = "社区 \(board.communityCode) \(board.communityName)  \(board.month)\n" + parts(board.offices)
        let window = [
            ["未结整改", "\(board.openRectifications)（超期 \(board.overdueRectifications)）"],
            ["本月评价", board.ratings == 0 ? "无" : "\(board.ratings) 条，满意 \(perMille(board.satisfiedPerMille))"],
        ]
        text += "\n一站式窗口 (window)\n" + TextColumns.layout(window, indent: "  ")
        return text
    }

    public static func city(_ view: Window.CityView) -> String {
        func yes(_ flag: Bool, _ office: String, _ row: Window.CityCommunity) -> String { row.missing.contains(office) ? "?" : (flag ? "是" : "否") }
        var rows = [["社区", "名称", "安全小区", "无待业", "志愿者1%", "满意度", "未答"]]
        for row in view.byCommunity {
            rows.append([
                row.communityCode, row.communityName, yes(row.safe, "security", row), yes(row.unemploymentFree, "employment", row),
                yes(row.volunteerTargetMet, "assistance", row), row.ratings == 0 ? "-" : perMille(row.satisfiedPerMille),
                row.missing.joined(separator: ","),
            ])
        }
        let summary = [
            ["安全小区", "\(view.safe)/\(view.safetyKnown)  \(perMille(view.safePerMille))  \(view.safeTargetMet ? "达到" : "未达到") 60% 目标"],
            ["无待业社区", "\(view.unemploymentFree)/\(view.employmentKnown)"],
            ["志愿者达1%", "\(view.volunteerTargetMet)/\(view.volunteersKnown)"],
            ["满意度", view.ratings == 0 ? "本月无评价" : "\(perMille(view.satisfiedPerMille))（\(view.ratings) 条）"],
        ]
        return "全市 \(view.communities) 个社区  \(view.month)\n" + TextColumns.layout(rows) + "\n\n" + TextColumns.layout(summary)
    }

    public static func evaluation(_ evaluation: Window.Evaluation) -> String {
        var text =
            "评价 \(evaluation.evaluationId) 已记录：\(officeNames[evaluation.office] ?? evaluation.office) \(evaluation.subject) \(levelName(evaluation.level))"
        if !evaluation.rectificationId.isEmpty { text += "\n已生成整改 \(evaluation.rectificationId)，15 个工作日内办结" }
        return text
    }

    /// The five levels by their Chinese names, as clerks say them.
    public static let levels: [(name: String, level: Window.Satisfaction)] = [
        ("非常满意", .verySatisfied), ("满意", .satisfied), ("基本满意", .basicallySatisfied), ("不满意", .dissatisfied), ("非常不满意", .veryDissatisfied),
    ]

    static func levelName(_ level: Window.Satisfaction) -> String { levels.first { $0.level == level }?.name ?? "未知" }

    static func perMille(_ value: UInt32) -> String {
        let tenths = Int(value)
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
