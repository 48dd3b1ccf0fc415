import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// An objection against a case on notice, validated: FileObjection.
struct FileObjection: ValidatedCommand {
    let caseID: EntityID
    let text: String

    init(validating request: Assistance.FileObjectionRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let id = validation.entityID(request.caseId, .allowanceCase, field: "case_id")
        validation.reason(request.text, field: "text", maxLength: 1000)
        try validation.finish()
        caseID = try validation.unwrap(id, field: "case_id")
        text = request.text
    }
}

/// The resolution of an objection, validated: ResolveObjection.
struct ResolveObjection: ValidatedCommand {
    let objection: EntityID
    let resolution: String
    let upheld: Bool

    init(validating request: Assistance.ResolveObjectionRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let id = validation.entityID(request.objectionId, .objection, field: "objection_id")
        validation.reason(request.resolution, field: "resolution")
        try validation.finish()
        objection = try validation.unwrap(id, field: "objection_id")
        resolution = request.resolution
        upheld = request.upheld
    }
}
