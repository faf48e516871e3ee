// swift-tools-version: 6.2
// The benchmarks: a separate package, so the library never depends on them.
// Run them all with `Benchmarks/run` (release build, ratio table).
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where
// the repository was cloned.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "swift-generators"

let package = Package(
    name: "swift-generators-benchmarks",
    dependencies: [
        .package(path: "../"),
        // The AsyncChannel baseline of the async rows.
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        // The CSV parsers CSVRecords was chosen against (csv.* rows).
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Baselines written in C: an out-of-line context switch. Optimized
        // in every configuration (release adds -O2 anyway), so that the
        // baseline is never a debug build.
        .target(name: "CBaseline", cSettings: [.unsafeFlags(["-O2"])]),
        .executableTarget(
            name: "GeneratorBenchmarks",
            dependencies: [
                .product(name: "Generators", package: root),
                // The itertools operators of the algo.* rows.
                .product(name: "GeneratorAlgorithms", package: root),
                // The line sources of the pipe.lines rows.
                .product(name: "GeneratorPipelines", package: root),
                "CBaseline",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
    ]
)
