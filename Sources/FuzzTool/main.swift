// generators-fuzz: the differential fuzzer of the generator protocol. Draws programs from
// seeds, runs each on CPython (Scripts/fuzz_oracle.py) and on the package
// (GeneratorsFuzzing's interpreter), compares the traces, and shrinks every divergence to a
// small program printed as Python and Swift. Run it through Scripts/fuzz.

import Foundation
import Generators
import GeneratorsFuzzing
import Synchronization

struct Options {
    var programs = 100
    var seed: UInt64 = 1
    var isAsync = false
    var python = "python3"
    var oracle = "Scripts/fuzz_oracle.py"
    var save: String?
    var show = 3
    var refresh: String?

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
            return value
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--programs": options.programs = number(value(flag), flag)
            case "--seed": options.seed = UInt64(number(value(flag), flag))
            case "--async": options.isAsync = true
            case "--python": options.python = value(flag)
            case "--oracle": options.oracle = value(flag)
            case "--save": options.save = value(flag)
            case "--show": options.show = number(value(flag), flag)
            case "--refresh": options.refresh = value(flag)
            case "-h", "--help":
                print(
                    """
                    usage: generators-fuzz [--programs N] [--seed S] [--async] [--save DIR] [--show K]
                                           [--python PYTHON] [--oracle PATH] [--refresh DIR]
                    Runs programs S, S+1, … S+N-1 on CPython and on the package and compares their
                    traces. Each divergence is shrunk, the first K are printed as Python and Swift,
                    and all are written to DIR (as JSON regression fixtures) when --save is given.
                    --refresh DIR runs CPython again on every fixture in DIR, rewrites its trace,
                    and prints how the package compares on it.
                    """
                )
                exit(0)
            default: fail("unknown option \(flag) (see --help)")
            }
        }
        return options
    }
}

func number(_ text: String, _ flag: String) -> Int {
    guard let value = Int(text), value >= 0 else { fail("\(flag) needs a number, not \(text)") }
    return value
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("generators-fuzz: \(message)\n".utf8))
    exit(2)
}

/// CPython, kept running: one JSON line per program each way.
final class Oracle {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    init(python: String, script: String) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script]
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { fail("cannot start \(python) \(script): \(error)") }
    }

    /// CPython's trace, or `nil` when the script itself failed on CPython (the error is
    /// in `lastError`).
    private(set) var lastError: String?

    func trace(of program: FuzzProgram) -> [String] {
        traceOrFailure(of: program) ?? ["CPython could not run the program"]
    }

    func traceOrFailure(of program: FuzzProgram) -> [String]? {
        let request = try! JSONSerialization.data(withJSONObject: ["script": PythonRenderer.script(program)])
        input.fileHandleForWriting.write(request + Data("\n".utf8))
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[(end + 1)...])
                let reply = try! JSONSerialization.jsonObject(with: line) as! [String: Any]
                if let trace = reply["trace"] as? [String] { return trace }
                lastError = "\(reply["error"] ?? "?")"
                return nil
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { fail("the oracle stopped") }
            buffer.append(chunk)
        }
    }
}

/// What the runtime reports for the program being run (Python's unraisable hook), by
/// generator name: each run names its generators apart, so that a report an earlier run's
/// background close makes late is not taken for this run's.
let reports = Mutex<(run: Int, errors: [(name: String?, error: any Error)])>((0, []))
GeneratorRuntime.unhandledErrorHandler = { error, name in reports.withLock { $0.errors.append((name, error)) } }

func swiftTrace(of program: FuzzProgram) async -> [String] {
    let name = reports.withLock { reports in
        reports.run += 1
        reports.errors.removeAll()
        return "fuzz-\(reports.run)"
    }
    let reported: @Sendable () -> [any Error] = {
        reports.withLock { $0.errors.filter { $0.name == name }.map(\.error) }
    }
    if program.isAsync { return await AsyncInterpreter.trace(of: program, name: name, reported: reported) }
    return SyncInterpreter.trace(of: program, name: name, reported: reported)
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let oracle = Oracle(python: options.python, script: options.oracle)

if let directory = options.refresh {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    for file in files.sorted() where file.hasSuffix(".json") {
        let url = URL(fileURLWithPath: "\(directory)/\(file)")
        guard let data = try? Data(contentsOf: url),
            var fixture = try? JSONDecoder().decode(RegressionFixture.self, from: data)
        else { fail("\(file) is not a regression fixture") }
        fixture.python = oracle.trace(of: fixture.program)
        try! (encoder.encode(fixture) + Data("\n".utf8)).write(to: url)
        print("\(file): \(TraceComparer.compare(python: fixture.python, swift: await swiftTrace(of: fixture.program)))")
    }
    exit(0)
}
var divergences = 0
var ruleUses: [TraceComparer.Rule: Int] = [:]
var explainedPrograms = 0
var oracleFailures = 0
/// How many programs' CPython traces show each of the protocol's harder paths.
let coverageMarks = [
    ("a cancelled consumer", "cancel"), ("a close ignored", "IgnoredClose"), ("an unraisable error", "unraisable "),
    ("a re-entrant resume", "AlreadyExecuting"), ("a send to a new generator", "SendToUnstarted"),
    ("a yield from", "yf "), ("a close signal caught", "GeneratorExit"),
]
var coverage = [Int](repeating: 0, count: coverageMarks.count)
if let save = options.save { try? FileManager.default.createDirectory(atPath: save, withIntermediateDirectories: true) }

for number in 0..<options.programs {
    let seed = options.seed + UInt64(number)
    if let progress = ProcessInfo.processInfo.environment["GENERATORS_FUZZ_PROGRESS"], number % 100 == 0 {
        // Where the run is, to the hundred, for a crash to be found again.
        try? "\(seed)\n".write(toFile: progress, atomically: false, encoding: .utf8)
    }
    var generator = ProgramGenerator(seed: seed, isAsync: options.isAsync)
    let program = generator.program()
    guard let python = oracle.traceOrFailure(of: program) else {
        // CPython itself failed: the program tells nothing about the package.
        oracleFailures += 1
        if oracleFailures == 1 {
            print("=== CPython could not run program \(seed):\n\(oracle.lastError ?? "")")
        }
        continue
    }
    for (index, mark) in coverageMarks.enumerated()
    where python.contains(where: { mark.1 == "cancel" ? $0 == "cancel" : $0.contains(mark.1) }) {
        coverage[index] += 1
    }
    switch TraceComparer.compare(python: python, swift: await swiftTrace(of: program)) {
    case .identical: break
    case .explained(let rules):
        explainedPrograms += 1
        for rule in rules { ruleUses[rule, default: 0] += 1 }
    case .divergent:
        divergences += 1
        let small = await ProgramShrinker.shrink(program) {
            TraceComparer.compare(python: oracle.trace(of: $0), swift: await swiftTrace(of: $0)).isDivergent
        }
        let smallPython = oracle.trace(of: small)
        let smallSwift = await swiftTrace(of: small)
        if divergences <= options.show {
            print("=== divergence: seed \(seed), shrunk")
            // The functions and the driver, without the prelude.
            let script = PythonRenderer.script(small)
            let start = script.firstRange(of: small.isAsync ? "\nasync def f0" : "\ndef f0")?.lowerBound
            print("--- Python" + script[(start ?? script.startIndex)...])
            print("--- Swift\n" + SwiftRenderer.source(small))
            print("--- traces (CPython | swift-generators)")
            for index in 0..<max(smallPython.count, smallSwift.count) {
                let left = index < smallPython.count ? smallPython[index] : "—"
                let right = index < smallSwift.count ? smallSwift[index] : "—"
                print(
                    (left == right ? "  " : "≠ ") + left.padding(toLength: 44, withPad: " ", startingAt: 0) + " | "
                        + right
                )
            }
        }
        if let save = options.save {
            let fixture = RegressionFixture(seed: seed, program: small, python: smallPython)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try! (encoder.encode(fixture) + Data("\n".utf8)).write(
                to: URL(fileURLWithPath: "\(save)/seed-\(seed).json")
            )
        }
    }
}
for (rule, count) in ruleUses.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
    print("documented difference \(rule.rawValue): \(count) lines")
}
print(
    "programs whose trace shows "
        + zip(coverageMarks, coverage).filter { $0.1 > 0 }.map { "\($0.0.0): \($0.1)" }.joined(separator: ", ")
)
print("\(explainedPrograms) programs differed only as documented")
if oracleFailures > 0 { print("\(oracleFailures) programs CPython could not run (not compared)") }
print("\(options.programs) programs, \(divergences) divergences")
exit(divergences == 0 ? 0 : 1)
