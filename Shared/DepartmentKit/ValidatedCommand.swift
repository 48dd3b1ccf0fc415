import WireRuntime

/// A request an office has checked once, at its edge, into the values its domain works with:
/// non-optional, parsed (`EntityID`, `CommunityCode`, `LocalDate`, `Fen`…), named in the domain's
/// words (`RecordPlacement`, not `RecordPlacementRequest`). A handler builds one first and from
/// then on never looks at a raw field again, so no handler needs a force unwrap.
///
/// The shape every office copies, one type per write method in `Kit/Commands/`:
///
/// ```swift
/// struct RecordPlacement: ValidatedCommand {
///     let seeker: EntityID
///     let vacancy: EntityID
///     let startDate: LocalDate
///
///     init(validating request: Employment.RecordPlacementRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
///         var validation = Validation()
///         let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
///         …
///         try validation.finish()                                  // INVALID_ARGUMENT, every bad field
///         self.seeker = try validation.unwrap(seeker, field: "seeker_id")
///         …
///     }
/// }
/// ```
///
/// - Every violation is recorded before `finish()`, so the caller hears of all bad fields at once;
///   checks that look something up (is this community in the broker's registry?) run before
///   `finish()` too, and make the initializer `async throws`.
/// - `office` carries what checks need besides the request (policy figures, the database, the
///   communities registry) and `context` the call they are made within; a command that needs
///   neither ignores them. A synchronous `throws(RPCError)` initializer
///   satisfies the requirement.
/// - Rules about the records as they are (is the seeker still waiting?) are not validation: the
///   domain checks them inside the write transaction and throws its own errors.
public protocol ValidatedCommand: Sendable {
    /// The generated request message the command is validated from.
    associatedtype Request
    /// The office whose policy and database the checks may consult.
    associatedtype Office

    init(validating request: Request, for office: Office, context: CallContext) async throws
}
