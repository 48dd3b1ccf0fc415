import Foundation
import Logging
import NIOCore
import Storage
import WindowContract
import WireClient
import WireProtocol

/// All routing state of the broker — services, instances, calls in flight, connections — and
/// every routing decision.
///
/// Confined to the broker's single event loop: every connection of the broker lives on that one
/// loop, so a call goes from read to forward with no thread hop and no lock (on these 2-core
/// machines a cross-core wake-up costs ~25 µs, more than the broker's whole per-call work).
/// Writes are collected during a read cycle and flushed once per connection at its end.
final class BrokerState {
    let configuration: BrokerConfiguration
    /// `configuration.audit`'s loop side: the batch every call is recorded into as it ends (kept
    /// apart from the configuration, which is not copied per call).
    let audit: AuditStage?
    let loop: any EventLoop
    let logger: Logger
    let startedAt = NIODeadline.now()
    private(set) var services: [String: ServiceEntry] = [:]
    var calls = CallTable()
    private(set) var connections: [ObjectIdentifier: BrokerConnection] = [:]
    private var dirty: [BrokerConnection] = []
    private(set) var draining = false
    /// Who may call (nil: development mode, nobody authenticated, nothing enforced); replaced
    /// while running when broker.sqlite changes, `principalsGeneration` counting the changes so
    /// connections re-check the callers they cached.
    private(set) var principals: PrincipalDirectory?
    private(set) var principalsGeneration = 0
    /// Nonces of call handles: unguessable (the system's CSPRNG), so a service cannot present
    /// the handle of a call it was not given.
    private var nonces = NonceSource()
    /// Delegations in force, by token hash (see ``Delegation``).
    private var delegations: [String: Delegation] = [:]
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(configuration: BrokerConfiguration, loop: any EventLoop, logger: Logger) {
        self.configuration = configuration
        self.audit = configuration.audit.map { AuditStage(log: $0, loop: loop) }
        self.principals = configuration.principals
        for delegation in configuration.delegations { delegations[delegation.tokenHash] = delegation }
        self.loop = loop
        self.logger = logger
    }

    // MARK: Connections

    /// Admits a new connection, or returns false when the limit is reached.
    func admit(_ connection: BrokerConnection) -> Bool {
        guard connections.count < configuration.maxConnections else { return false }
        connections[ObjectIdentifier(connection)] = connection
        return true
    }

    /// A connection closed: fail or cancel everything that depended on it.
    func connectionClosed(_ connection: BrokerConnection) {
        guard connections.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
        if let instance = connection.instance {
            removeInstance(connection, reason: "instance \(instance.instanceID) of \(instance.service) went away")
        }
        for (_, brokerCallID) in connection.clientCalls {
            abandon(brokerCallID)
        }
        connection.clientCalls.removeAll()
        flush()
    }

    // MARK: Registration

    /// `composition`: the connection presented the composition credential (see
    /// `BrokerConfiguration.compositionCredential`), the only one that may register `window`.
    func register(_ request: Wire.RegisterRequest, from connection: BrokerConnection, composition: Bool = false) throws(RPCError)
        -> Wire.RegisterReply
    {
        var validation = Validation()
        validation.require(Self.isValidName(request.service), field: "service", "must be 1–63 characters of a–z, 0–9, '-' or '_', starting with a letter")
        validation.require(composition || request.service != Window.serviceName, field: "service", "\"window\" is the broker's own service")
        validation.length(request.instanceId, field: "instance_id", within: 1...128)
        validation.require(!request.methods.isEmpty, field: "methods", "a service must offer at least one method")
        validation.require(request.methods.count <= 1000, field: "methods", "at most 1000 methods")
        validation.require(
            request.maxFrameBytes == 0 || request.maxFrameBytes >= 1024, field: "max_frame_bytes", "must be 0 (the broker's limit) or at least 1024")
        for (i, method) in request.methods.enumerated() {
            validation.require(Self.isValidMethodName(method.name), field: "methods[\(i)].name", "must be 1–100 letters, digits or '_', starting with a letter")
            validation.require(Self.isValidTypeName(method.requestType), field: "methods[\(i)].request_type", "must name a message type (package.Message)")
            validation.require(Self.isValidTypeName(method.responseType), field: "methods[\(i)].response_type", "must name a message type (package.Message)")
            validation.require(
                method.allowedRoles.count <= 32 && method.allowedRoles.allSatisfy(Self.isValidRoleName), field: "methods[\(i)].allowed_roles",
                "at most 32 roles, each 1–32 characters of a–z, 0–9 or '-', starting with a letter")
        }
        validation.require(Set(request.methods.map(\.name)).count == request.methods.count, field: "methods", "method names must be unique")
        validation.require(connection.instance == nil, field: "service", "this connection is already registered")
        validation.require(connection.clientCalls.isEmpty, field: "service", "a connection with calls in flight cannot register")
        try validation.finish()

        let heartbeatMs = request.heartbeatIntervalMs == 0 ? 1000 : Int64(request.heartbeatIntervalMs)
        let agreed = min(max(heartbeatMs, configuration.heartbeatRange.lowerBound), configuration.heartbeatRange.upperBound)
        // A restarted instance may come back before its old connection is seen dead: replace it.
        // (Removing it may remove the service entry too, so the entry is looked up afterwards.)
        if let stale = services[request.service]?.instances.first(where: { $0.instance?.instanceID == request.instanceId }) {
            logger.warning(
                "instance re-registered; dropping its old connection",
                metadata: ["rpc.service": "\(request.service)", "service.instance": "\(request.instanceId)"])
            removeInstance(stale, reason: "instance \(request.instanceId) of \(request.service) was replaced")
            // ALREADY_EXISTS tells a process that is still alive that another one took its id:
            // it stops instead of reconnecting and taking the id back (see ServiceRuntime).
            stale.fail(
                Wire.Status(
                    code: .alreadyExists,
                    message: "instance id \(request.instanceId) of \(request.service) was registered again by another connection; this link is replaced"))
        }
        let service =
            services[request.service]
            ?? {
                let created = ServiceEntry(name: request.service)
                services[request.service] = created
                return created
            }()
        connection.instance = InstanceRecord(
            service: request.service, instanceID: request.instanceId, methods: Set(request.methods.map(\.name)),
            methodList: request.methods,
            allowedRoles: Dictionary(request.methods.map { ($0.name, Set($0.allowedRoles)) }, uniquingKeysWith: { first, _ in first }),
            maxFrameBytes: request.maxFrameBytes == 0 ? configuration.limits.maxFrameBytes : Int(request.maxFrameBytes),
            maxConcurrentCalls: request.maxConcurrentCalls == 0 ? 64 : Int(min(request.maxConcurrentCalls, 100_000)),
            heartbeatInterval: .milliseconds(agreed), registeredAt: .now(),
            registeredAtWallMs: UInt64(Date().timeIntervalSince1970 * 1000))
        service.instances.append(connection)
        logger.info(
            "service instance registered",
            metadata: [
                "rpc.service": "\(request.service)", "service.instance": "\(request.instanceId)",
                "methods": "\(request.methods.count)", "max_concurrent": "\(connection.instance!.maxConcurrentCalls)",
            ])
        dispatchQueued(service)
        return Wire.RegisterReply(heartbeatIntervalMs: UInt32(agreed), brokerId: configuration.brokerID)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: "_")
        }
    }

    static func isValidMethodName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 100, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// A role name as contracts declare them: `clerk`, `grid-worker`, `any`.
    static func isValidRoleName(_ role: String) -> Bool {
        guard let first = role.utf8.first, role.utf8.count <= 32, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return role.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        }
    }

    /// A full protobuf message name as a registration names it: `package.Message`, at most 200
    /// ASCII letters, digits, '_' and '.'.
    static func isValidTypeName(_ name: String) -> Bool {
        guard name.utf8.count <= 200, name.contains("."), !name.hasPrefix("."), !name.hasSuffix(".") else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".") }
    }

    /// The caller a service's nested call acts for: the original caller of the call whose handle
    /// it presents, if that call is in flight on this very service link; nil otherwise (a handle
    /// of another instance, of a finished call, or made up).
    func callerBehind(handle: String, on connection: BrokerConnection) -> Caller? {
        let parts = handle.split(separator: ".")
        guard parts.count == 2, let id = UInt64(parts[0]), let nonce = UInt64(parts[1]),
            let call = calls.call(id), call.instance === connection, call.nonce == nonce, let service = connection.instance?.service
        else { return nil }
        return call.caller.acting(through: "service:\(service)")
    }

    /// The person a service's call acts for under a delegation it holds (see ``Delegation``):
    /// nil unless `token` names a delegation in force, granted to `grantee`, covering
    /// `service.method`, for a person who still has access — with that person's rights as they
    /// are now.
    func callerDelegated(token: String, grantee: String, service: String, method: String) -> Caller? {
        guard token.utf8.count <= 128, let delegation = delegations[SHA256Hash.hexDigest(Array(token.utf8))], delegation.grantee == grantee,
            delegation.covers(service: service, method: method, nowMs: Int64(Date().timeIntervalSince1970 * 1000))
        else { return nil }
        guard let principals else { return Caller(id: delegation.principal, roles: [], gridScope: [], via: "service:\(grantee)") }
        guard let entry = principals.principal(id: delegation.principal) else { return nil }
        return Caller(id: entry.id, roles: Set(entry.roles), gridScope: entry.gridScope, via: "service:\(grantee)")
    }

    /// Installs or drops a delegation once broker.sqlite holds the change.
    func apply(_ change: WindowDelegationMethods.Change) {
        switch change {
        case .none: break
        case .granted(let delegation): delegations[delegation.tokenHash] = delegation
        case .ended(let tokenHash): delegations.removeValue(forKey: tokenHash)
        }
    }

    /// A new snapshot of the principals (revoked and rotated tokens stop working with it).
    func replacePrincipals(_ directory: PrincipalDirectory) {
        guard principals != nil else { return }  // development mode stays open
        principals = directory
        principalsGeneration &+= 1
    }

    /// The instance said GOODBYE: route nothing new to it; its calls finish normally.
    func instanceDraining(_ connection: BrokerConnection) {
        guard let instance = connection.instance, !instance.draining else { return }
        connection.instance!.draining = true
        services[instance.service]?.instances.removeAll { $0 === connection }
        logger.info(
            "service instance draining",
            metadata: ["rpc.service": "\(instance.service)", "service.instance": "\(instance.instanceID)", "calls": "\(instance.outstanding)"])
        if let service = services[instance.service], service.instances.isEmpty {
            failQueue(service, Wire.Status(code: .unavailable, message: "no instance of service \(service.name) is available"))
            services.removeValue(forKey: service.name)
        }
    }

    private func removeInstance(_ connection: BrokerConnection, reason: String) {
        guard let instance = connection.instance else { return }
        connection.instance = nil
        for brokerCallID in instance.calls {
            fail(brokerCallID, Wire.Status(code: .unavailable, message: reason))
        }
        if let service = services[instance.service] {
            service.instances.removeAll { $0 === connection }
            if service.instances.isEmpty {
                failQueue(service, Wire.Status(code: .unavailable, message: "no instance of service \(service.name) is available"))
                services.removeValue(forKey: service.name)
            }
        }
        logger.info(
            "service instance removed", metadata: ["rpc.service": "\(instance.service)", "service.instance": "\(instance.instanceID)", "reason": "\(reason)"])
        armTimer()
    }

    // MARK: Calls

    /// Routes a request frame from `client`. Answers errors itself; on success the call is sent
    /// to an instance or queued.
    func route(
        _ header: Wire.Frame, body: ForwardedBody, from client: BrokerConnection, caller: Caller, metadata: RequestMetadata, now: NIODeadline = .now()
    ) {
        let requested = header.deadlineMs == 0 ? configuration.defaultDeadline : .milliseconds(Int64(header.deadlineMs))
        let deadline = now + min(requested, configuration.maxDeadline)
        guard let service = services[header.service], !service.instances.isEmpty else {
            client.respond(callId: header.callId, Wire.Status(code: .unavailable, message: "no instance of service \(header.service) is registered"))
            return
        }
        guard let methodRoute = service.routes[header.method] else {
            client.respond(callId: header.callId, Wire.Status(code: .unimplemented, message: "service \(header.service) has no method \(header.method)"))
            return
        }
        // The providing office decides who may call (its contract's roles); without principals
        // (development) nobody is authenticated and nothing is enforced.
        if principals != nil, !methodRoute.admits(caller.roles) {
            audit?.record(
                caller: caller, service: header.service, method: header.method, purpose: metadata.purpose, requestID: metadata.requestID,
                residents: nil, status: .permissionDenied, since: now)
            client.respond(
                callId: header.callId,
                Wire.Status(code: .permissionDenied, message: "\(caller.id) may not call \(header.service).\(header.method)"))
            return
        }
        // Measured on the bytes as they came (an upper bound when entries are cut), exactly only
        // when that is over the limit.
        let serviceLimit = methodRoute.maxFrameBytes
        var forwardedBytes = body.count + caller.metadataBytes + 32
        if forwardedBytes > serviceLimit, body.cut {
            guard let exact = body.exactCount() else {
                client.respond(callId: header.callId, Wire.Status(code: .invalidArgument, message: "the request's metadata is malformed"))
                return
            }
            forwardedBytes = exact + caller.metadataBytes + 32
        }
        guard forwardedBytes <= serviceLimit else {
            client.respond(
                callId: header.callId,
                Wire.Status(
                    code: .resourceExhausted,
                    message: "the request would be \(forwardedBytes) bytes when forwarded, over the limit of \(serviceLimit) bytes of \(header.service)"))
            return
        }
        let call = CallTable.Call(
            client: client, clientCallID: header.callId, instance: nil, service: service, method: header.method,
            receivedAt: now, deadline: deadline, queuedBody: nil, caller: caller,
            purpose: audit == nil ? "" : metadata.purpose, requestID: audit == nil ? "" : metadata.requestID)
        if let instance = service.pickInstance(for: header.method) {
            let id = calls.insert(call)
            client.clientCalls[header.callId] = id
            send(id, body: body, to: instance)
        } else {
            guard service.queue.count < configuration.maxQueuedPerService else {
                client.respond(
                    callId: header.callId,
                    Wire.Status(
                        code: .resourceExhausted,
                        message:
                            "service \(service.name) is at capacity: every instance is at its limit and \(service.queue.count) calls are queued (limit \(configuration.maxQueuedPerService))"
                    ))
                return
            }
            var queued = call
            queued.queuedBody = body
            let id = calls.insert(queued)
            client.clientCalls[header.callId] = id
            service.queue.append(id)
        }
        armTimer()
    }

    /// Forwards a call to an instance with the broker's call id, the remaining deadline and the
    /// caller's principal appended to the frame as it arrived.
    private func send(_ id: UInt64, body: ForwardedBody, to connection: BrokerConnection) {
        let nonce = nonces.nonce()
        var sent: (deadline: NIODeadline, caller: Caller)?
        calls.update(id) {
            $0.instance = connection; $0.queuedBody = nil; $0.nonce = nonce
            sent = ($0.deadline, $0.caller)
        }
        guard let sent else { return }
        let remaining = sent.deadline - .now()
        let milliseconds = UInt32(clamping: max(1, (remaining.nanoseconds + 999_999) / 1_000_000))
        connection.instance!.outstanding += 1
        connection.instance!.calls.insert(id)
        var out = connection.allocator.buffer(capacity: body.count + 128)
        let whole = FrameCodec.forward(
            body.bytes, overridingCallId: id, deadlineMs: milliseconds,
            metadata: sent.caller.metadata + [(MetadataKey.callHandle, "\(id).\(nonce)")],
            dropping: body.dropping, into: &out)
        guard whole else {
            // Bytes that decoded as a frame but cannot be walked to cut the broker's keys: never
            // forwarded (without its body, or with the keys), answered here instead.
            release(id, from: connection)
            fail(id, Wire.Status(code: .invalidArgument, message: "the request's metadata is malformed"))
            return
        }
        connection.write(out)
    }

    /// A RESPONSE frame from an instance: pass it to the caller under the caller's call id.
    func completed(_ header: Wire.Frame, body: ByteBuffer, from connection: BrokerConnection) {
        guard calls.instance(of: header.callId) === connection, let call = calls.remove(header.callId) else {
            return  // late (deadline passed, caller gone): the caller was already answered
        }
        release(header.callId, from: connection)
        call.client.clientCalls.removeValue(forKey: call.clientCallID)
        var out = call.client.allocator.buffer(capacity: body.readableBytes + 16)
        if header.metadata.keys.contains(where: MetadataKey.isBrokerOnly) {
            // `x-residents` is for the audit log only: the reply leaves without it.
            var clean = header
            clean.callId = call.clientCallID
            clean.metadata = MetadataKey.withoutBrokerOnly(header.metadata)
            FrameCodec.encode(clean, into: &out)
        } else {
            FrameCodec.forward(body, overridingCallId: call.clientCallID, into: &out)
        }
        call.client.write(out)
        let now = NIODeadline.now()
        // Most replies carry no metadata: no lookups for them.
        let reported = header.metadata.isEmpty ? nil : header.metadata
        audit?.record(
            caller: call.caller, service: call.service.name, method: call.method, purpose: call.purpose, requestID: call.requestID,
            residents: reported?[MetadataKey.residents], status: header.status?.code ?? .unknown, since: call.receivedAt, now: now,
            breakTheGlass: reported?[MetadataKey.breakTheGlass] == "1")
        call.service.stats(for: call.method).record(status: header.status?.code ?? .unknown, since: call.receivedAt, now: now)
        dispatchQueued(call.service)
        armTimer()
    }

    /// The caller sent CANCEL for one of its calls.
    func cancel(clientCallID: UInt64, from client: BrokerConnection) {
        guard let id = client.clientCalls.removeValue(forKey: clientCallID) else { return }
        abandon(id)
    }

    /// Drops a call whose caller no longer waits, telling the instance to stop.
    private func abandon(_ id: UInt64) {
        guard let call = calls.remove(id) else { return }
        if let instance = call.instance {
            release(id, from: instance)
            instance.send(Wire.Frame(callId: id, kind: .cancel))
            dispatchQueued(call.service)
        }
        armTimer()
    }

    private func release(_ id: UInt64, from connection: BrokerConnection) {
        guard connection.instance != nil else { return }
        connection.instance!.outstanding -= 1
        connection.instance!.calls.remove(id)
    }

    /// Sends queued calls to instances that have room, answering DEADLINE_EXCEEDED for those
    /// whose budget ran out while waiting (they are never forwarded).
    private func dispatchQueued(_ service: ServiceEntry) {
        while let id = service.queue.first {
            guard let call = calls.call(id), call.instance == nil, let body = call.queuedBody else {
                service.queue.removeFirst()  // cancelled or expired while queued
                continue
            }
            if call.deadline <= .now() {
                service.queue.removeFirst()
                expire(id)
                continue
            }
            guard let instance = service.pickInstance(for: call.method) else { return }
            service.queue.removeFirst()
            send(id, body: body, to: instance)
        }
    }

    private func failQueue(_ service: ServiceEntry, _ status: Wire.Status) {
        while let id = service.queue.popFirst() {
            fail(id, status)
        }
    }

    /// Ends call `id` (if it is still in flight) with `status`: out of the table and of its
    /// caller's calls, answered and recorded.
    private func fail(_ id: UInt64, _ status: Wire.Status) {
        guard let call = calls.remove(id) else { return }
        call.client.clientCalls.removeValue(forKey: call.clientCallID)
        reply(to: call, status)
    }

    private func reply(to call: CallTable.Call, _ status: Wire.Status) {
        call.client.respond(callId: call.clientCallID, status)
        audit?.record(
            caller: call.caller, service: call.service.name, method: call.method, purpose: call.purpose, requestID: call.requestID, residents: nil,
            status: status.code, since: call.receivedAt)
        call.service.stats(for: call.method).record(status: status.code, since: call.receivedAt)
    }

    // MARK: Deadlines

    /// Keeps one timer armed at the earliest deadline of any call.
    private func armTimer() {
        guard let earliest = calls.earliestDeadline else {
            timer?.cancel()
            timer = nil
            timerDeadline = nil
            return
        }
        if let armed = timerDeadline, armed <= earliest { return }  // fires early at worst; re-arms then
        timer?.cancel()
        timerDeadline = earliest
        timer = loop.assumeIsolated().scheduleTask(deadline: earliest) { [self] in
            timer = nil
            timerDeadline = nil
            expireDue()
        }
    }

    private func expireDue() {
        let now = NIODeadline.now()
        while let id = calls.expired(at: now) {
            expire(id)
        }
        armTimer()
        flush()
    }

    /// The call's deadline passed: DEADLINE_EXCEEDED to the caller, CANCEL to the instance.
    private func expire(_ id: UInt64) {
        guard let call = calls.remove(id) else { return }
        call.client.clientCalls.removeValue(forKey: call.clientCallID)
        let waited = (NIODeadline.now() - call.receivedAt).nanoseconds / 1_000_000
        if let instance = call.instance {
            release(id, from: instance)
            instance.send(Wire.Frame(callId: id, kind: .cancel))
            reply(
                to: call, Wire.Status(code: .deadlineExceeded, message: "\(call.service.name).\(call.method) did not answer within the deadline (\(waited) ms)")
            )
            dispatchQueued(call.service)
        } else {
            reply(
                to: call,
                Wire.Status(code: .deadlineExceeded, message: "deadline passed after \(waited) ms waiting for a free instance of \(call.service.name)"))
        }
    }

    // MARK: Writes

    /// Called by a connection that wrote without flushing.
    func markDirty(_ connection: BrokerConnection) {
        dirty.append(connection)
    }

    /// Flushes every connection written to since the last flush (end of a read cycle or timer).
    func flush() {
        guard !dirty.isEmpty else { return }
        let connections = dirty
        dirty.removeAll(keepingCapacity: true)
        for connection in connections { connection.flushNow() }
    }

    // MARK: Shutdown

    /// Stop taking calls; those in flight may finish.
    func beginDrain() {
        draining = true
    }

    /// Fails whatever is still in flight with UNAVAILABLE and closes every connection.
    func terminate() {
        for id in calls.allIDs {
            fail(id, Wire.Status(code: .unavailable, message: "the broker is shutting down"))
        }
        flush()
        audit?.handOver()
        for connection in connections.values { connection.close() }
        timer?.cancel()
    }

    // MARK: Introspection (window methods)

    var instanceCount: Int { services.values.reduce(0) { $0 + $1.instances.count } }

    func health() -> Window.HealthResponse {
        Window.HealthResponse(
            status: draining ? "DRAINING" : "SERVING", brokerId: configuration.brokerID,
            uptimeMs: UInt64((NIODeadline.now() - startedAt).nanoseconds / 1_000_000),
            services: UInt32(services.count), instances: UInt32(instanceCount), connections: UInt32(connections.count))
    }

    func listServices(only name: String) -> Window.ListServicesResponse {
        var result: [Window.ServiceInfo] = []
        if name.isEmpty || name == Window.serviceName {
            result.append(
                Window.ServiceInfo(
                    name: Window.serviceName,
                    methods: Window.methodDescriptors.map { Window.MethodInfo(name: $0.name, requestType: $0.requestType, responseType: $0.responseType) },
                    instances: services[Window.serviceName].map(instanceInfos) ?? [], queuedCalls: 0))
        }
        for service in services.values.sorted(by: { $0.name < $1.name })
        where (name.isEmpty || name == service.name) && service.name != Window.serviceName {
            var methods: [String: Window.MethodInfo] = [:]
            for connection in service.instances {
                guard let instance = connection.instance else { continue }
                for m in instance.methodList where methods[m.name] == nil {
                    methods[m.name] = Window.MethodInfo(name: m.name, requestType: m.requestType, responseType: m.responseType)
                }
            }
            result.append(
                Window.ServiceInfo(
                    name: service.name, methods: methods.values.sorted { $0.name < $1.name }, instances: instanceInfos(service),
                    queuedCalls: UInt32(service.queue.count)))
        }
        return Window.ListServicesResponse(services: result)
    }

    private func instanceInfos(_ service: ServiceEntry) -> [Window.InstanceInfo] {
        service.instances.compactMap { connection in
            guard let instance = connection.instance else { return nil }
            return Window.InstanceInfo(
                instanceId: instance.instanceID, peer: connection.peerDescription,
                maxConcurrentCalls: UInt32(instance.maxConcurrentCalls), outstandingCalls: UInt32(instance.outstanding),
                draining: instance.draining, registeredAtMs: instance.registeredAtWallMs)
        }
    }
}
