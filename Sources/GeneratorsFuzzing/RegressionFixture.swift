/// A shrunk program that once diverged, with CPython's trace of it: kept
/// under `Tests/GeneratorsFuzzingTests/Regressions` and replayed by the tests
/// (without Python), which compare the package's trace with CPython's.
package struct RegressionFixture: Codable, Sendable {
    /// The seed of the program it was shrunk from.
    package var seed: UInt64
    package var program: FuzzProgram
    /// CPython 3.11's trace.
    package var python: [String]

    package init(seed: UInt64, program: FuzzProgram, python: [String]) {
        self.seed = seed
        self.program = program
        self.python = python
    }
}
