// swift-tools-version: 6.1
// libFuzzer targets for Gatehouse's parsers (issue 15, item 1). Not part of the main build:
// benchmarks/fuzz.sh builds them with `-sanitize=fuzzer,address` and runs each in turn.
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let linker: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]

func target(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name, dependencies: dependencies + ["FuzzSupport"], path: "Sources/\(name)", swiftSettings: fuzzer,
        linkerSettings: linker)
}

let package = Package(
    name: "GatehouseFuzz",
    platforms: [.macOS(.v15)],
    // `Gatehouse` is a link to the repository (`..`): the package is known by that name wherever it is cloned.
    dependencies: [.package(path: "Gatehouse")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport", swiftSettings: fuzzer),
        target("fuzz-csv", [.product(name: "GatehouseCSV", package: "Gatehouse")]),
        target("fuzz-address", [.product(name: "GatehouseCore", package: "Gatehouse")]),
        target("fuzz-name", [.product(name: "GatehouseCore", package: "Gatehouse")]),
        target("fuzz-gate", [.product(name: "GatehouseCore", package: "Gatehouse")]),
        target("fuzz-yaml", [.product(name: "GatehouseStore", package: "Gatehouse")]),
        target("fuzz-note", [.product(name: "GatehouseCore", package: "Gatehouse")]),
        target("fuzz-proof", [.product(name: "GatehouseCore", package: "Gatehouse")]),
        // Not a fuzzer: times each parser on inputs of growing size (benchmarks/fuzz.sh --scaling).
        .executableTarget(
            name: "parser-scaling",
            dependencies: [
                .product(name: "GatehouseCSV", package: "Gatehouse"), .product(name: "GatehouseStore", package: "Gatehouse"),
                .product(name: "GatehouseCore", package: "Gatehouse"),
            ],
            path: "Sources/parser-scaling"),
    ],
    swiftLanguageModes: [.v6]
)
