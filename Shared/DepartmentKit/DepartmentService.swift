import CommandLineSupport
import Foundation
import Logging
import ServiceLifecycle
import Storage
import WireRuntime

/// Runs a service from its `main` the same way for every office: logging, the database
/// (migrations applied), the service runtime dialling the broker, graceful shutdown on
/// SIGTERM/SIGINT, and the database closed at the end.
///
/// A new office writes its domain, its store and a type conforming to its generated service
/// protocol (`Employment.EmploymentService`), then calls `run` with that type's
/// `serviceDefinition()`; a missing handler does not compile.
public enum DepartmentService {
    /// Runs an office backed by its own SQLite database.
    public static func run(
        name: String, options: DepartmentOptions, migrations: Migrations,
        makeDefinition: (ServiceDatabase, Logger) throws -> ServiceDefinition,
        prepare: (ServiceDatabase) async throws -> Void = { _ in }
    ) async throws {
        let logger = bootstrap(name: name, options: options)
        let path = options.databasePath(service: name)
        let database = try ServiceDatabase(
            path: path, migrations: migrations,
            configuration: .init(idempotencyRetention: .seconds(options.idempotencyRetentionHours * 3600)), logger: logger)
        defer { try? database.close() }
        try await prepare(database)
        logger.info("database open", metadata: ["db": "\(path)"])
        // Stored idempotency replies are purged after their retention period (at start, then hourly).
        try await database.withIdempotencyKeyPurge { try await serve(try makeDefinition(database, logger), options: options, logger: logger) }
    }

    /// Runs a service that keeps no data (the test service `echo`); `makeDefinition` receives the
    /// instance id, which such a service may report.
    public static func run(
        name: String, options: DepartmentOptions, makeDefinition: (_ instanceID: String, Logger) -> ServiceDefinition
    ) async throws {
        let logger = bootstrap(name: name, options: options)
        let instanceID = options.instanceID(service: name)
        try await serve(makeDefinition(instanceID, logger), options: options, logger: logger, instanceID: instanceID)
    }

    private static func bootstrap(name: String, options: DepartmentOptions) -> Logger {
        CommandLineSupport.bootstrapLogging(level: options.logLevel)
        var logger = Logger(label: name)
        logger[metadataKey: "rpc.service"] = "\(name)"
        return logger
    }

    private static func serve(
        _ definition: ServiceDefinition, options: DepartmentOptions, logger: Logger, instanceID: String? = nil
    ) async throws {
        var configuration = options.runtimeConfiguration(service: definition.name)
        configuration.instanceID = instanceID ?? options.instanceID(service: definition.name)
        logger.info("starting", metadata: ["broker": "\(configuration.broker)", "service.instance": "\(configuration.instanceID ?? "")"])
        let runtime = ServiceRuntime(definition: definition, configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: runtime)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
