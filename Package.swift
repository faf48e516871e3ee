// swift-tools-version: 6.2
//===----------------------------------------------------------------------===//
// swift-generators: Python's generators for Swift.
//
// Dependencies point one way: CGeneratorsCore (C/assembly, not a product)
// ← Generators ← everything else. A user of `Generators` builds nothing else.
//===----------------------------------------------------------------------===//
import PackageDescription

/// Settings every Swift target gets (Swift 6 language mode is the default for
/// tools version 6.x, so complete strict-concurrency checking is on).
let swiftSettings: [SwiftSetting] = [
    // SE-0335: spell existential types `any P`.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the modules it imports.
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// A product of a package the trait `Hummingbird` brings: the web adapter's dependencies.
func withHummingbird(_ product: String, from package: String) -> Target.Dependency {
    .product(name: product, package: package, condition: .when(traits: ["Hummingbird"]))
}

let package = Package(
    name: "swift-generators",
    // Apple platforms: `Synchronization.Atomic` (the run-ahead queue) and
    // task executors need the 2024 releases. Linux has no minimum.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Generators", targets: ["Generators"]),
        .library(name: "GeneratorAlgorithms", targets: ["GeneratorAlgorithms"]),
        .library(name: "GeneratorPipelines", targets: ["GeneratorPipelines"]),
        .library(name: "GeneratorsWeb", targets: ["GeneratorsWeb"]),
        // Empty unless the package trait `Hummingbird` is enabled.
        .library(name: "GeneratorsHummingbird", targets: ["GeneratorsHummingbird"]),
        .executable(name: "gen", targets: ["GenTool"]),
        .executable(name: "generators-demo", targets: ["GeneratorsDemo"]),
        .executable(name: "generators-fuzz", targets: ["FuzzTool"]),
        .executable(name: "generators-web-demo", targets: ["GeneratorsWebDemo"]),
        .executable(name: "generators-web-bench-server", targets: ["GeneratorsWebBenchServer"]),
    ],
    // The web adapter brings swift-nio and Hummingbird: a dependency only when asked for, so a
    // user of the other products neither fetches nor builds them.
    traits: [
        .trait(
            name: "Hummingbird",
            description: "GeneratorsHummingbird: generators as streamed responses on Hummingbird 2."
        )
    ],
    dependencies: [
        // The async operators build on it (`Sequence.async`) and add what it lacks.
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        // The `gen` tool's command line only.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The web adapter (trait `Hummingbird`): without Hummingbird's default traits, which
        // bring swift-configuration.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Tests only: property-based tests of the algorithms' laws.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: - Targets

        // The context switch, the guard-paged stack pool and the overflow
        // handler. Internal: never a product, never API.
        .target(
            name: "CGeneratorsCore",
            exclude: [],
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .target(
            name: "Generators",
            dependencies: ["CGeneratorsCore"],
            swiftSettings: swiftSettings
        ),

        // itertools and more-itertools for single-pass sequences (so for
        // generators), and async operators. Built on the generators.
        .target(
            name: "GeneratorAlgorithms",
            dependencies: [
                "Generators",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: swiftSettings
        ),

        // The system's zlib (gzip files in the pipelines).
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),

        // Sources over files (lines, blocks) and parsers as stages, for
        // pipelines that hold one record at a time. Built on the generators.
        .target(
            name: "GeneratorPipelines",
            dependencies: ["Generators", "CZlib"],
            swiftSettings: swiftSettings
        ),

        // Web content made on the fly, framework-neutral: Server-Sent Events, JSON Lines
        // and chunked bodies from generators, with backpressure, heartbeats and prompt
        // closing. No server code: the framework adapters build on it.
        .target(
            name: "GeneratorsWeb",
            dependencies: ["Generators"],
            swiftSettings: swiftSettings
        ),

        // Generators as streamed responses on Hummingbird 2: chunked, JSON Lines and
        // Server-Sent Events, closed when the client leaves. Built with the trait only.
        .target(
            name: "GeneratorsHummingbird",
            dependencies: [
                "GeneratorsWeb", "Generators",
                withHummingbird("Hummingbird", from: "hummingbird"),
                withHummingbird("NIOCore", from: "swift-nio"),
                withHummingbird("HTTPTypes", from: "swift-http-types"),
                withHummingbird("ServiceLifecycle", from: "swift-service-lifecycle"),
                withHummingbird("Logging", from: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // The differential fuzzer's language: random generator programs, their Python
        // rendering, an interpreter over the real API, the trace comparer and the shrinker.
        // Not a product: the fuzzer (Scripts/fuzz) and the tests use it.
        .target(
            name: "GeneratorsFuzzing",
            dependencies: ["Generators"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tools and examples

        // `generators-fuzz`: CPython as the oracle of the generator protocol (Scripts/fuzz).
        .executableTarget(
            name: "FuzzTool",
            dependencies: ["GeneratorsFuzzing", "Generators"],
            swiftSettings: swiftSettings
        ),

        // `gen`: the pipelines at work on web-server logs.
        .executableTarget(
            name: "GenTool",
            dependencies: [
                "GeneratorPipelines", "CZlib",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "GeneratorsDemo",
            dependencies: ["Generators"],
            swiftSettings: swiftSettings
        ),

        // The seed's async generator live in a browser, and a large CSV streamed (trait
        // `Hummingbird`).
        .executableTarget(
            name: "GeneratorsWebDemo",
            dependencies: [
                "GeneratorsHummingbird", "GeneratorsWeb",
                withHummingbird("Hummingbird", from: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),

        // The server of the web benchmarks (Benchmarks/run --only web; trait `Hummingbird`).
        .executableTarget(
            name: "GeneratorsWebBenchServer",
            dependencies: [
                "GeneratorsHummingbird", "Generators",
                withHummingbird("Hummingbird", from: "hummingbird"),
                withHummingbird("Logging", from: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests

        .target(
            name: "_GeneratorsTestSupport",
            dependencies: ["Generators"],
            path: "Tests/_GeneratorsTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeneratorsTests",
            dependencies: ["Generators", "_GeneratorsTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeneratorsFuzzingTests",
            dependencies: ["GeneratorsFuzzing", "Generators", "_GeneratorsTestSupport"],
            // Read from the source tree (`generators-fuzz --refresh` rewrites them there).
            exclude: ["Regressions"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeneratorPipelinesTests",
            dependencies: ["GeneratorPipelines", "Generators", "_GeneratorsTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeneratorsWebTests",
            dependencies: ["GeneratorsWeb", "Generators", "_GeneratorsTestSupport"],
            swiftSettings: swiftSettings
        ),
        // Real servers on 127.0.0.1, a raw HTTP/1.1 client over TCP (trait `Hummingbird`).
        .testTarget(
            name: "GeneratorsHummingbirdTests",
            dependencies: [
                "GeneratorsHummingbird", "GeneratorsWeb", "Generators", "_GeneratorsTestSupport",
                withHummingbird("Hummingbird", from: "hummingbird"),
                withHummingbird("NIOCore", from: "swift-nio"),
                withHummingbird("NIOPosix", from: "swift-nio"),
                withHummingbird("ServiceLifecycle", from: "swift-service-lifecycle"),
                withHummingbird("Logging", from: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs the built web demo, and headless Chromium on its page (trait `Hummingbird`).
        .testTarget(
            name: "GeneratorsWebDemoTests",
            dependencies: ["GeneratorsWebDemo", "_GeneratorsTestSupport"],
            swiftSettings: swiftSettings
        ),
        // Runs the built `gen` (the dependency makes sure it is built).
        .testTarget(
            name: "GenToolTests",
            dependencies: ["GenTool", "_GeneratorsTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeneratorAlgorithmsTests",
            dependencies: [
                "GeneratorAlgorithms", "Generators", "_GeneratorsTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
