// swift-tools-version: 6.1
// Micro-benchmarks for Gatehouse's hot paths (ordo-one/benchmark), kept apart from the main
// package so that its dependency and plugin never reach the product build.
// Run from this folder: swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "GatehouseBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Gatehouse", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // GatehouseCSV is not a product of the main package; its sources are compiled here a
        // second time, unchanged, through the symbolic link Sources/CSVUnderTest.
        .target(
            name: "CSVUnderTest",
            dependencies: [.product(name: "GatehouseCore", package: "Gatehouse")],
            path: "Sources/CSVUnderTest",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
        .executableTarget(
            name: "GatehouseBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GatehouseCore", package: "Gatehouse"),
            ],
            path: "Benchmarks/GatehouseBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CSVBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GatehouseCore", package: "Gatehouse"),
                "CSVUnderTest",
            ],
            path: "Benchmarks/CSVBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
