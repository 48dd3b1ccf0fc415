import Foundation
import Logging
import ServiceLifecycle
import Storage
import Wire

/// Runs a department service from its `main`: logging, the database (migrations applied), the
/// method table checked against the contract in proto/, the service runtime dialling the broker,
/// graceful shutdown on SIGTERM/SIGINT, and the database closed at the end.
///
/// A new office writes its domain, its store and its handlers, then calls this.
public enum DepartmentService {
    public static func run(
        name: String, contract: String, options: DepartmentOptions, migrations: Migrations,
        makeDefinition: (ServiceDatabase, Logger) throws -> ServiceDefinition,
        prepare: (ServiceDatabase) async throws -> Void = { _ in }
    ) async throws {
        CommandLineSupport.bootstrapLogging(level: options.logLevel)
        var logger = Logger(label: name)
        logger[metadataKey: "rpc.service"] = "\(name)"
        let path = options.databasePath(service: name)
        let database = try ServiceDatabase(path: path, migrations: migrations, logger: logger)
        defer { try? database.close() }
        try await prepare(database)
        let definition = try makeDefinition(database, logger)
        try check(definition, against: contract)
        var configuration = options.runtimeConfiguration(service: name)
        configuration.instanceID = configuration.instanceID ?? "\(name)-\(ProcessInfo.processInfo.hostName)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        logger.info("starting", metadata: ["db": "\(path)", "broker": "\(configuration.broker)"])
        let runtime = ServiceRuntime(definition: definition, configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: runtime)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Refuses to start a service whose methods disagree with its `service` block in proto/:
    /// a declared method must exist in the contract and every contract method must work.
    public static func check(_ definition: ServiceDefinition, against contract: String) throws {
        guard let schema = ProtoRegistry.shared.services[contract] else {
            throw RPCError(.internal, "no service \(contract) in proto/")
        }
        let problems = definition.mismatches(against: schema)
        guard problems.isEmpty else {
            throw RPCError(.internal, "the methods disagree with the contract: " + problems.joined(separator: "; "))
        }
    }
}
