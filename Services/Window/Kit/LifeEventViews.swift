import WindowContract

/// How `window event` prints a life event: its receipt and state, each office's step, the
/// evidence kept, and what the clerk must do next; and the one-line progress shown while the
/// steps complete.
public enum LifeEventViews {
    public static func kindName(_ kind: Window.LifeEventKind) -> String {
        switch kind {
        case .lifeEventNewcomer: "新市民落脚"
        case .lifeEventRelease: "刑满释放人员衔接"
        case .lifeEventDibao: "低保申请"
        case .unspecified: "未知事项"
        }
    }

    public static func stateName(_ state: Window.LifeEventState) -> String {
        switch state {
        case .lifeEventInProgress: "办理中"
        case .lifeEventCompleted: "已办结"
        case .lifeEventNeedsAction: "需窗口处理"
        case .unspecified: "未知"
        }
    }

    static func stepState(_ step: Window.LifeEventStep) -> String {
        switch step.state {
        case .stepPending: "待办"
        case .stepRetrying: "重试中(\(step.attempts)次)"
        case .stepDone: "已办"
        case .stepRejected: "退回"
        case .stepSkipped: "不需办"
        case .unspecified: "未知"
        }
    }

    /// The whole event, for a person to read.
    public static func event(_ event: Window.LifeEvent) -> String {
        var text = "受理编号 \(event.receipt)  \(kindName(event.kind))  \(stateName(event.state))\n"
        text += "居民 \(event.idNumberMasked)  社区 \(event.communityCode)  受理人 \(event.takenBy)\n"
        let rows = event.steps.map { step -> [String] in
            let detail = step.state == .stepDone || step.state == .stepPending ? step.result : step.message
            return [step.title, ClerkViews.officeNames[step.office] ?? step.office, stepState(step), detail]
        }
        text += TextColumns.layout([["事项", "部门", "状态", "结果/说明"]] + rows, indent: "  ")
        if !event.evidence.isEmpty {
            text += "\n核查证据(办理时)\n"
            text += TextColumns.layout(
                event.evidence.map { [ClerkViews.officeNames[$0.office] ?? $0.office, $0.subjectMasked, $0.finding] }, indent: "  ")
        }
        if !event.nextAction.isEmpty { text += "\n下一步: \(event.nextAction)" }
        return text
    }

    /// The worklist: one row an event, newest first, and how to ask for the next page.
    public static func list(_ reply: Window.ListLifeEventsResponse) -> String {
        guard !reply.events.isEmpty else { return "没有符合条件的事项" }
        let rows = reply.events.map {
            [$0.receipt, kindName($0.kind), stateName($0.state), $0.idNumberMasked, $0.communityCode, "\($0.stepsEnded)/\($0.steps)", $0.nextAction]
        }
        var text = TextColumns.layout([["受理编号", "事项", "状态", "居民", "社区", "进度", "下一步"]] + rows)
        if !reply.nextPageToken.isEmpty { text += "\n更多: --page-token \(reply.nextPageToken)" }
        return text
    }

    /// One line: how many steps have ended, and what is being waited for.
    public static func progress(_ event: Window.LifeEvent) -> String {
        let ended = event.steps.filter { [.stepDone, .stepRejected, .stepSkipped].contains($0.state) }.count
        var line = "\(event.receipt)  \(stateName(event.state))  \(ended)/\(event.steps.count) 项已办理"
        if let current = event.steps.first(where: { $0.state == .stepPending || $0.state == .stepRetrying }) {
            line += "  正在: \(current.title)(\(ClerkViews.officeNames[current.office] ?? current.office))"
            if current.state == .stepRetrying { line += " 部门暂不可用, 已试 \(current.attempts) 次" }
        }
        return line
    }
}
