// swift-tools-version:6.2
// The package shows the architecture: C modules, shared libraries, services, tools, tests.
// See ../shared/DESIGN.md (or README.md) for how the pieces fit.

import PackageDescription

let package = Package(
    name: "community-services",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "broker", targets: ["broker"]),
        .executable(name: "echo-service", targets: ["echo-service"]),
        .executable(name: "employment", targets: ["employment"]),
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
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // MARK: C modules (system libraries and the committed protoc-c output)

        .systemLibrary(
            name: "CProtobufC",
            path: "Shared/CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Shared/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Messages",
            dependencies: ["CProtobufC"],
            path: "Shared/Messages",
            publicHeadersPath: "include",
            cSettings: [.headerSearchPath("generated")]
        ),

        // MARK: Shared libraries every executable uses

        .target(
            name: "Domain",
            path: "Shared/Domain"
        ),
        .target(
            name: "Wire",
            dependencies: [
                "Messages", "CProtobufC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Wire"
        ),
        .target(
            name: "Storage",
            dependencies: [
                "CSQLite", "Wire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Storage"
        ),

        .target(
            name: "DepartmentKit",
            dependencies: [
                "Wire", "Storage", "Domain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/DepartmentKit"
        ),

        // MARK: Services: the broker (one-stop window), the test service, the clerk's client

        .target(
            name: "BrokerKit",
            dependencies: [
                "Wire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Broker/Kit"
        ),
        .executableTarget(
            name: "broker",
            dependencies: [
                "BrokerKit", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Broker/Main"
        ),
        .target(
            name: "EchoKit",
            dependencies: ["Wire", "Domain", .product(name: "Logging", package: "swift-log")],
            path: "Services/Echo/Kit"
        ),
        .executableTarget(
            name: "echo-service",
            dependencies: [
                "EchoKit", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Echo/Main"
        ),
        .target(
            name: "EmploymentKit",
            dependencies: [
                "DepartmentKit", "Wire", "Storage", "Domain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Employment/Kit"
        ),
        .executableTarget(
            name: "employment",
            dependencies: [
                "EmploymentKit", "DepartmentKit", "Wire", "Storage", "Domain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Services/Employment/Main"
        ),
        .target(
            name: "WindowKit",
            dependencies: ["Wire"],
            path: "Services/Window/Kit"
        ),
        .executableTarget(
            name: "window",
            dependencies: [
                "WindowKit", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Window/Main"
        ),

        // MARK: Benchmarks

        .executableTarget(
            name: "loadgen",
            dependencies: [
                "Wire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/LoadGen"
        ),

        // MARK: Tests

        .target(
            name: "TestSupport",
            dependencies: ["Wire"],
            path: "Tests/Support"
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], path: "Tests/DomainTests"),
        .testTarget(name: "WireTests", dependencies: ["Wire", "TestSupport", .product(name: "NIOCore", package: "swift-nio")], path: "Tests/WireTests"),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/StorageTests"
        ),
        .testTarget(
            name: "BrokerTests",
            dependencies: ["BrokerKit", "Wire", "EchoKit", "TestSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            path: "Tests/BrokerTests"
        ),
        .testTarget(
            name: "EmploymentTests",
            dependencies: ["EmploymentKit", "DepartmentKit", "Storage", "Domain", "Wire", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/EmploymentTests"
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Wire", "WindowKit", "EchoKit", "TestSupport"],
            path: "Tests/EndToEndTests"
        ),
    ]
)

// One settings loop: Swift 6 language mode and warnings as errors for every target we own.
for target in package.targets where target.type != .system {
    if target.name == "Messages" { continue }  // C target
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.treatAllWarnings(as: .error))
    target.swiftSettings = settings
}
