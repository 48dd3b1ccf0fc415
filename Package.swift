// swift-tools-version:6.2
// The package shows the architecture, bottom up: C modules, the wire protocol and its layers, the
// generated contracts, what every office shares, the services, tools and tests.
// See ../shared/DESIGN.md (or README.md) for how the pieces fit.

import PackageDescription

let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

/// The generated contract module of one proto package (`make proto` writes it).
func contract(_ package: String) -> Target {
    .target(
        name: "\(package)Contract",
        dependencies: ["Messages", "CProtobufC", "WireProtocol", "WireClient", "WireRuntime", nioCore],
        path: "Shared/Contracts/\(package)")
}

/// A department office: its kit (handlers, domain, store) on DepartmentKit and its contract, and
/// the thin executable that runs it.
func office(_ name: String, executable: String, path: String) -> [Target] {
    [
        .target(
            name: "\(name)Kit",
            dependencies: [.target(name: "\(name)Contract"), "DepartmentKit", "WireProtocol", "WireRuntime", "Storage", "Domain", grdb, logging],
            path: "\(path)/Kit"),
        .executableTarget(
            name: executable,
            dependencies: [
                .target(name: "\(name)Kit"), .target(name: "\(name)Contract"), "DepartmentKit", "WireRuntime", "Storage", "Domain", "CommandLineSupport",
                argumentParser, logging, grdb,
            ],
            path: "\(path)/Main"),
    ]
}

let package = Package(
    name: "community-services",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "broker", targets: ["broker"]),
        .executable(name: "echo-service", targets: ["echo-service"]),
        .executable(name: "employment", targets: ["employment"]),
        .executable(name: "assistance", targets: ["assistance"]),
        .executable(name: "health", targets: ["health"]),
        .executable(name: "security", targets: ["security"]),
        .executable(name: "window", targets: ["window"]),
        .executable(name: "loadgen", targets: ["loadgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // MARK: C modules (system libraries and the committed protoc-c output)

        .systemLibrary(
            name: "CProtobufC", path: "Shared/CProtobufC", pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Shared/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "Messages", dependencies: ["CProtobufC"], path: "Shared/Messages",
            publicHeadersPath: "include", cSettings: [.headerSearchPath("generated")]),

        // MARK: The wire, in layers: protocol (frames, codec, status) → client → service runtime

        .target(name: "WireProtocol", dependencies: ["Messages", "CProtobufC", nioCore], path: "Shared/Wire/Protocol"),
        .target(name: "WireClient", dependencies: ["WireProtocol", nioCore, nioPosix, logging], path: "Shared/Wire/Client"),
        .target(
            name: "WireRuntime", dependencies: ["WireProtocol", "WireClient", nioCore, nioPosix, logging, metrics, lifecycle],
            path: "Shared/Wire/Runtime"),
        // Descriptor-driven JSON ↔ protobuf for any message: the `window call` CLI and tests only.
        .target(name: "ProtoReflection", dependencies: ["WireProtocol", "Messages", "CProtobufC"], path: "Shared/Reflection"),

        // MARK: Generated contracts, one module per proto package

        contract("Echo"),
        contract("Window"),
        contract("Employment"),
        contract("Assistance"),
        contract("Health"),
        contract("Security"),

        // MARK: What every executable and office shares

        // Flag defaults from environment variables and the logging bootstrap of every `main`.
        .target(name: "CommandLineSupport", dependencies: [logging], path: "Shared/CommandLine"),
        .target(name: "Domain", path: "Shared/Domain"),
        .target(name: "Storage", dependencies: ["CSQLite", grdb, crypto, logging], path: "Shared/Storage"),
        .target(
            name: "DepartmentKit",
            dependencies: [
                "WireProtocol", "WireClient", "WireRuntime", "WindowContract", "Storage", "Domain", "CommandLineSupport", grdb, argumentParser, logging,
                lifecycle,
            ],
            path: "Shared/DepartmentKit"),

        // MARK: The broker (one-stop window), the test service, the clerk's client

        .target(
            name: "BrokerKit",
            dependencies: [
                "WireProtocol", "WireClient", "WindowContract", "WindowComposition", "Storage", "Domain", grdb, nioCore, nioPosix, logging,
                metrics, lifecycle,
            ],
            path: "Services/Broker/Kit"),
        // The window's composed methods (resident overview, …): an instance of service `window`
        // inside the broker process that calls the offices through the broker like any caller.
        .target(
            name: "WindowComposition",
            dependencies: [
                "WindowContract", "EmploymentContract", "AssistanceContract", "HealthContract", "SecurityContract", "WireProtocol", "WireRuntime",
                "DepartmentKit", "Domain", "Storage", grdb, nioCore, logging,
            ],
            path: "Services/Broker/Composition"),
        .executableTarget(
            name: "broker",
            dependencies: [
                "BrokerKit", "WindowComposition", "Storage", "WireProtocol", "WireClient", "WireRuntime", "CommandLineSupport", argumentParser, logging,
                lifecycle,
            ],
            path: "Services/Broker/Main"),
        .target(
            name: "EchoKit", dependencies: ["EchoContract", "WireProtocol", "WireRuntime", "Domain", logging, nioCore],
            path: "Services/Echo/Kit"),
        .executableTarget(
            name: "echo-service", dependencies: ["EchoKit", "DepartmentKit", "WireRuntime", argumentParser, logging, lifecycle],
            path: "Services/Echo/Main"),
        .target(
            name: "WindowKit", dependencies: ["WireProtocol", "WireClient", "WindowContract", "ProtoReflection"],
            path: "Services/Window/Kit"),
        .executableTarget(
            name: "window",
            dependencies: ["WindowKit", "WindowContract", "WireProtocol", "WireClient", "ProtoReflection", "CommandLineSupport", argumentParser],
            path: "Services/Window/Main"),

        // MARK: Department offices

    ] + office("Employment", executable: "employment", path: "Services/Employment") + [
        // The social assistance office (社会救助), service `assistance`.
    ] + office("Assistance", executable: "assistance", path: "Services/SocialAssistance") + [
        // The community health and family planning office (社区卫生和计划生育), service `health`.
    ] + office("Health", executable: "health", path: "Services/HealthFamilyPlanning") + [
        // The community police office (社区警务), service `security`.
    ] + office("Security", executable: "security", path: "Services/PublicSecurity") + [

        // MARK: Benchmarks

        .executableTarget(
            name: "loadgen",
            dependencies: [
                "WireProtocol", "WireClient", "ProtoReflection", "EchoContract", "CommandLineSupport", "Domain", nioCore, nioPosix, argumentParser,
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Benchmarks/LoadGen"),

        // MARK: Tests

        .target(
            name: "TestSupport",
            dependencies: ["WireProtocol", "WireClient", "WindowContract", .product(name: "Subprocess", package: "swift-subprocess")],
            path: "Tests/Support"),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], path: "Tests/DomainTests"),
        .testTarget(name: "LoadGenTests", dependencies: ["loadgen", "Domain"], path: "Tests/LoadGenTests"),
        .testTarget(
            name: "WireTests",
            dependencies: ["WireProtocol", "WireClient", "WireRuntime", "ProtoReflection", "EchoContract", "TestSupport", nioCore],
            path: "Tests/WireTests"),
        .testTarget(
            name: "DepartmentKitTests", dependencies: ["DepartmentKit", "Domain", "WindowContract", "WireProtocol", "WireRuntime"],
            path: "Tests/DepartmentKitTests"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "DepartmentKit", "WireProtocol", "TestSupport", grdb], path: "Tests/StorageTests"),
        .testTarget(
            name: "BrokerTests",
            dependencies: [
                "BrokerKit", "WindowComposition", "Domain", "WireProtocol", "WireClient", "WireRuntime", "EchoKit", "EchoContract", "WindowContract",
                "TestSupport", "Storage", grdb,
                lifecycle,
            ],
            path: "Tests/BrokerTests"),
        .testTarget(
            name: "EmploymentTests",
            dependencies: [
                "EmploymentKit", "EmploymentContract", "WindowContract", "DepartmentKit", "Storage", "Domain", "WireProtocol", "WireRuntime",
                "ProtoReflection", "TestSupport", grdb,
            ],
            path: "Tests/EmploymentTests"),
        .testTarget(
            name: "AssistanceTests",
            dependencies: [
                "AssistanceKit", "AssistanceContract", "WindowContract", "DepartmentKit", "Storage", "Domain", "WireProtocol", "WireRuntime",
                "TestSupport", grdb,
            ],
            path: "Tests/AssistanceTests"),
        .testTarget(
            name: "HealthTests",
            dependencies: [
                "HealthKit", "HealthContract", "WindowContract", "DepartmentKit", "Storage", "Domain", "WireProtocol", "WireRuntime", "TestSupport", grdb,
            ],
            path: "Tests/HealthTests"),
        .testTarget(
            name: "SecurityTests",
            dependencies: [
                "SecurityKit", "SecurityContract", "WindowContract", "DepartmentKit", "Storage", "Domain", "WireProtocol", "WireRuntime",
                "TestSupport", grdb,
            ],
            path: "Tests/SecurityTests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "WireProtocol", "WireClient", "WindowKit", "EchoContract", "EmploymentContract", "AssistanceContract", "HealthContract", "SecurityContract",
                "WindowContract", "TestSupport", nioCore, grdb,
            ],
            path: "Tests/EndToEndTests"),
    ]
)

// One settings loop: Swift 6 language mode and warnings as errors for every Swift target we own.
for target in package.targets where target.type != .system && target.name != "Messages" {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.treatAllWarnings(as: .error))
    target.swiftSettings = settings
}
