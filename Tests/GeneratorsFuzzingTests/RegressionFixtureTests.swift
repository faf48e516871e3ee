import Foundation
import Generators
import GeneratorsFuzzing
import Testing
import _GeneratorsTestSupport

/// The fixtures: shrunk programs the fuzzer found diverging, and hand-written ones for the
/// spec's corner cases, each with CPython 3.11's trace (`Scripts/fuzz --refresh DIR` rewrites
/// the traces).
private let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Regressions")

private func fixtureNames() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()
}

/// The package's trace of `program`, by the interpreter for its kind, with the errors reported
/// for generators named `name`.
private func packageTrace(of program: FuzzProgram, name: String) async -> [String] {
    ErrorCollector.install()
    let reported: @Sendable () -> [any Error] = { ErrorCollector.errors(named: name) }
    return program.isAsync
        ? await AsyncInterpreter.trace(of: program, name: name, reported: reported)
        : SyncInterpreter.trace(of: program, name: name, reported: reported)
}

@Suite("Regression fixtures")
struct RegressionFixtureTests {
    @Test(
        "every fixture traces as CPython does, or as a documented rule allows",
        arguments: fixtureNames()
    )
    func regression(_ name: String) async throws {
        let data = try Data(contentsOf: regressions.appendingPathComponent(name))
        let fixture = try JSONDecoder().decode(RegressionFixture.self, from: data)
        #expect(!fixture.python.isEmpty)
        let swift = await packageTrace(of: fixture.program, name: "fuzz-regression-\(name)")
        let verdict = TraceComparer.compare(python: fixture.python, swift: swift)
        #expect(!verdict.isDivergent, "\(verdict)\n\(swift.joined(separator: "\n"))")
    }

    @Test("every documented rule is the one that explains some fixture")
    func everyRuleHasAFixture() async throws {
        var used: Set<TraceComparer.Rule> = []
        for name in fixtureNames() {
            let fixture = try JSONDecoder().decode(
                RegressionFixture.self,
                from: Data(contentsOf: regressions.appendingPathComponent(name))
            )
            let swift = await packageTrace(of: fixture.program, name: "fuzz-rules-\(name)")
            if case .explained(let rules) = TraceComparer.compare(python: fixture.python, swift: swift) {
                used.formUnion(rules)
            }
        }
        #expect(used == Set(TraceComparer.Rule.allCases))
    }

    @Test("there are sync and async fixtures to replay")
    func fixturesExist() throws {
        let programs = try fixtureNames().map {
            try JSONDecoder().decode(
                RegressionFixture.self,
                from: Data(contentsOf: regressions.appendingPathComponent($0))
            )
            .program
        }
        #expect(programs.filter(\.isAsync).count >= 2)
        #expect(programs.filter { !$0.isAsync }.count >= 4)
    }
}
