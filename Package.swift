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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
        .executableTarget(
            name: "gatehouse",
            dependencies: [
                "GatehouseCore", "GatehouseCSV", "GatehouseSynth", "GatehouseStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "GatehouseSynthTests",
            dependencies: ["GatehouseSynth", "GatehouseCSV", "GatehouseCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
