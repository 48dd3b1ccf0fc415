import WindowContract
import WireProtocol

/// The procedure for a life event's form: checked at intake, rebuilt from the stored form when
/// the event is resumed.
enum LifeEventProcedures {
    static func make(_ request: Window.StartLifeEventRequest) throws(RPCError) -> any LifeEventProcedure {
        let forms = [request.newcomer != nil, request.release != nil, request.dibao != nil].filter { $0 }.count
        guard forms <= 1 else { throw RPCError.invalidArgument(field: "kind", "give only the form of the event's kind") }
        switch request.kind {
        case .lifeEventNewcomer: return try NewcomerProcedure(request.newcomer)
        case .lifeEventRelease: return try ReleaseProcedure(request.release)
        case .lifeEventDibao: return try DibaoProcedure(request.dibao)
        case .unspecified: throw RPCError.invalidArgument(field: "kind", "is required: LIFE_EVENT_NEWCOMER, LIFE_EVENT_RELEASE or LIFE_EVENT_DIBAO")
        }
    }
}
