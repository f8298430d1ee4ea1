// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Gatehouse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gatehouse", targets: ["gatehouse"]),
        .library(name: "GatehouseCore", targets: ["GatehouseCore"]),
        // For the fuzz targets (fuzz/Package.swift) and other tools built on the readers and the store.
        .library(name: "GatehouseCSV", targets: ["GatehouseCSV"]),
        .library(name: "GatehouseStore", targets: ["GatehouseStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The server (GatehouseServer): HTTP, TLS, lifecycle, logs, metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "GatehouseCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GatehouseCSV",
            dependencies: ["GatehouseCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GatehouseStore",
            dependencies: [
                "GatehouseCore", "GatehouseCSV",
                .product(name: "GRDB", package: "GRDB.swift"),
                // AES-GCM for the protected values at rest (DataKeyring).
                .product(name: "Crypto", package: "swift-crypto"),
                // SQLite's C API, for the import's raw statements (GRDB's own module of it).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GatehouseSynth",
            dependencies: ["GatehouseCore", "GatehouseCSV"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GatehouseServer",
            dependencies: [
                "GatehouseCore", "GatehouseCSV", "GatehouseStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "gatehouse",
            dependencies: [
                "GatehouseCore", "GatehouseCSV", "GatehouseSynth", "GatehouseStore", "GatehouseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatehouseCoreTests",
            dependencies: ["GatehouseCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatehouseCSVTests",
            dependencies: ["GatehouseCSV", "GatehouseCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatehouseStoreTests",
            dependencies: ["GatehouseStore", "GatehouseCore", "GatehouseCSV", "GatehouseSynth"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatehouseCLITests",
            dependencies: ["GatehouseStore", "GatehouseCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatehouseServerTests",
            dependencies: [
                "GatehouseServer", "GatehouseStore", "GatehouseCore", "GatehouseSynth",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatehouseSynthTests",
            dependencies: ["GatehouseSynth", "GatehouseCSV", "GatehouseCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
