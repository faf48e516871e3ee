//===----------------------------------------------------------------------===//
// GeneratorBenchmarks: the benchmark binary driven by Benchmarks/run.
//
//   GeneratorBenchmarks measure [--reps N] [--target-ms MS] [--only SUITES]
//       Times the in-process metrics (ours and the C baseline, the async
//       rows, the GeneratorAlgorithms pipeline and concurrent map) and
//       prints `key<TAB>ns per operation` lines. SUITES is a comma-separated
//       subset of sync,async,algo (all three by default).
//   GeneratorBenchmarks rss [COUNT]
//       Prints `sync.rss_per_suspended<TAB>bytes` for COUNT (100,000)
//       suspended generators. Needs about 2 * COUNT memory mappings.
//   GeneratorBenchmarks tee-lag [N [LAG]]
//       Prints `algo.tee_lag_bytes<TAB>bytes`, the peak buffer of a tee
//       whose fast branch leads the slow one by LAG (1,000) over N
//       (1,000,000) Ints. Not timed.
//   GeneratorBenchmarks callgrind-next N | callgrind-c N
//       Runs only the sync.next loop (or the C round trip) for N values, for
//       counting instructions under `valgrind --tool=callgrind`. Also
//       callgrind-yield-from-depth1, -depth100, -create-run-drop, -send,
//       -alloc-floor, -tree-inorder (N ≤ 1,000,000 nodes; the tree is built at
//       every N) and -async-lazy (not in the run script: a value costs
//       thousands of instructions in the Swift runtime).
//   GeneratorBenchmarks peak-rss ours|stream N [KEY]
//       Runs only a fast producer feeding a slow consumer N values, through
//       ours (runAhead 1024) or an unbounded AsyncStream, and prints
//       `KEY<TAB>bytes`, the process's peak RSS (VmHWM). KEY defaults to
//       async.peak_rss for ours and asyncstream_unbounded.peak_rss for the
//       stream.
//   GeneratorBenchmarks mallocs-buffered N
//       Runs only the async.buffered loop for N values, for counting heap
//       allocations under `valgrind --tool=memcheck`.
//   GeneratorBenchmarks lines-lent FILE | lines-sliced FILE | lines-strings FILE
//       Reads FILE once with ByteLines.forEachLine (Span), by iterating
//       ByteLines (ArraySlice) or FileLines (String), and prints its line
//       count; the run script times the process (pipe.lines rows).
//   GeneratorBenchmarks csv-ours FILE | csv-swiftcsv FILE | csv-csvswift FILE
//       Reads a CSV file with CSVRecords, SwiftCSV or CSV.swift and prints
//       `records fields` (csv.* rows).
//   GeneratorBenchmarks report [--tsv] FILE
//       Prints the ratio table (or TSV) from the figures gathered in FILE.
//
// Measurements go to standard output, progress to standard error.
//===----------------------------------------------------------------------===//
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

func usage() -> Never {
    progress(
        """
        usage: GeneratorBenchmarks measure [--reps N] [--target-ms MS] [--only sync,async,algo]
               GeneratorBenchmarks rss [COUNT]
               GeneratorBenchmarks tee-lag [N [LAG]]
               GeneratorBenchmarks callgrind-next N | callgrind-c N | callgrind-send N | callgrind-sync-pipeline N | ...
               GeneratorBenchmarks peak-rss ours|stream N [KEY]
               GeneratorBenchmarks mallocs-buffered N
               GeneratorBenchmarks lines-lent FILE | lines-sliced FILE | lines-strings FILE
               GeneratorBenchmarks csv-ours FILE | csv-swiftcsv FILE | csv-csvswift FILE
               GeneratorBenchmarks report [--tsv] FILE
        Run everything with Benchmarks/run.
        """
    )
    exit(2)
}

/// Reads a whole file as UTF-8.
func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A figure as the report reads it.
func emit(_ key: String, _ value: Double) {
    print("\(key)\t\(value)")
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard !arguments.isEmpty else { usage() }
let mode = arguments.removeFirst()

switch mode {
case "measure":
    var plan = TimingPlan()
    var suites: Set<String> = ["sync", "async", "algo"]
    while !arguments.isEmpty {
        let flag = arguments.removeFirst()
        guard !arguments.isEmpty else { usage() }
        let argument = arguments.removeFirst()
        if flag == "--only" {
            suites = Set(argument.split(separator: ",").map(String.init))
            continue
        }
        guard let value = Int(argument), value > 0 else { usage() }
        switch flag {
        case "--reps": plan.repetitions = value
        case "--target-ms": plan.targetNanoseconds = UInt64(value) * 1_000_000
        default: usage()
        }
    }
    if suites.contains("sync") {
        for (key, value) in runTimedSuite(plan: plan) { emit(key, value) }
        for (key, value) in runRecursiveTimedSuite(plan: plan) { emit(key, value) }
    }
    if suites.contains("async") {
        for (key, value) in runAsyncTimedSuite(plan: plan) { emit(key, value) }
    }
    if suites.contains("algo") {
        for (key, value) in runAlgorithmTimedSuite(plan: plan) { emit(key, value) }
    }

case "rss":
    let count = arguments.first.flatMap { Int($0) } ?? 100_000
    progress("measuring sync.rss_per_suspended with \(count) suspended generators ...")
    emit("sync.rss_per_suspended", residentBytesPerSuspendedGenerator(count: count))

case "tee-lag":
    let n = arguments.count >= 1 ? Int(arguments[0]) : teeCount
    let lag = arguments.count >= 2 ? Int(arguments[1]) : teeLag
    guard let n, let lag, n >= 0, lag >= 1 else { usage() }
    progress("measuring algo.tee_lag_bytes: the fast branch \(lag) ahead over \(n) values ...")
    let peak = peakTeeBufferedCount(opaque(n), lag: lag)
    progress("algo.tee_lag_bytes: peak bufferedCount \(peak) (the lag: \(min(lag, n)))")
    emit("algo.tee_lag_bytes", Double(peak * MemoryLayout<Int>.stride))

case "callgrind-knights-tour":
    // As the callgrind modes below, with the tours' own checksum (a closed form).
    guard let n = arguments.first.flatMap({ Int($0) }), n >= 0 else { usage() }
    let sum = knightsTourSearches(opaque(n))
    if sum != expectedKnightsTours(n) { checksumFailure(mode, n: n, got: sum, expected: expectedKnightsTours(n)) }
    blackHole(sum)

case "callgrind-sync-pipeline":
    // As the callgrind modes below, but the checksum is not computed here:
    // its loops would be counted with the pipeline's. The timed row checks
    // the same function's result.
    guard let n = arguments.first.flatMap({ Int($0) }), n >= 0 else { usage() }
    blackHole(sumOfAlgorithmPipeline(opaque(n)))

case _ where mode.hasPrefix("callgrind-"):
    // Only the loop, no timing and no calibration: the run script subtracts
    // a run with N = 0 (startup, creation) and divides by N.
    let loops: [String: (Int) -> Int] = [
        "callgrind-next": sumOfGenerator,
        "callgrind-c": sumOfCPingPong,
        "callgrind-yield-from-depth1": { sumOfChain(depth: 1, $0) },
        "callgrind-yield-from-depth100": { sumOfChain(depth: 100, $0) },
        "callgrind-create-run-drop": createRunDrop,
        "callgrind-alloc-floor": allocationFloor,
        "callgrind-send": sendRunningTotal,
        // The tree is built at every N (N = 0 included, so that the difference
        // is the walk); the checksum is triangular(n) up to one whole walk.
        "callgrind-tree-inorder": {
            _ = benchmarkTree
            return sumOfTreeInorder(min($0, treeSize))
        },
        "callgrind-async-lazy": { n in runBlocking { await sumOfLazyAsyncGenerator(n) } },
        "callgrind-async-lazy-scoped": { n in runBlocking { await sumOfScopedAsyncGenerator(n) } },
        // The concurrent map and its hand-written twin: the CPU each costs a
        // value (valgrind runs one thread at a time, so the overlap of the
        // waits is not what these count).
        "callgrind-concurrent-map": { n in runBlocking { await sumOfConcurrentMap(n) } },
        "callgrind-taskgroup-map": { n in runBlocking { await sumOfTaskGroupMap(n) } },
    ]
    guard let loop = loops[mode], let n = arguments.first.flatMap({ Int($0) }), n >= 0 else { usage() }
    let sum = loop(opaque(n))
    if sum != triangular(n) { checksumFailure(mode, n: n, got: sum, expected: triangular(n)) }
    blackHole(sum)

case "peak-rss":
    // The key defaults to the row's; a third argument overrides it (the run
    // script names ours at a small N async.peak_rss.100k).
    let loops: [String: (key: String, loop: @Sendable (Int) async -> Int)] = [
        "ours": ("async.peak_rss", slowConsumerOfBufferedAsyncGenerator),
        "stream": ("asyncstream_unbounded.peak_rss", slowConsumerOfAsyncStream),
    ]
    guard arguments.count >= 2, let (key, loop) = loops[arguments[0]], let n = Int(arguments[1]), n >= 0 else {
        usage()
    }
    let name = arguments.count >= 3 ? arguments[2] : key
    progress("measuring \(name): fast producer, slow consumer, \(n) values ...")
    let sum = runBlocking { await loop(opaque(n)) }
    if sum != triangular(n) { checksumFailure(name, n: n, got: sum, expected: triangular(n)) }
    guard let peak = peakResidentBytes() else { fatalError("cannot read VmHWM from /proc/self/status") }
    emit(name, Double(peak))

case "mallocs-buffered":
    guard let n = arguments.first.flatMap({ Int($0) }), n >= 0 else { usage() }
    let sum = runBlocking { await sumOfBufferedAsyncGenerator(opaque(n)) }
    if sum != triangular(n) { checksumFailure(mode, n: n, got: sum, expected: triangular(n)) }
    blackHole(sum)

case "lines-lent", "lines-sliced", "lines-strings":
    // One pass over a file; prints the line count (the run script checks it
    // against `wc -l` and times the process).
    let counters: [String: (String) throws -> Int] = [
        "lines-lent": countLinesLent, "lines-sliced": countLinesSliced, "lines-strings": countLinesAsStrings,
    ]
    guard let path = arguments.first, let counter = counters[mode] else { usage() }
    do {
        print(try counter(path))
    } catch {
        progress("\(mode): \(error)")
        exit(1)
    }

case "csv-ours", "csv-swiftcsv", "csv-csvswift":
    // One pass over a CSV file; prints `records fields`.
    let readers: [String: (String) throws -> (records: Int, fields: Int)] = [
        "csv-ours": countCSVOurs, "csv-swiftcsv": countCSVSwiftCSV, "csv-csvswift": countCSVCSVSwift,
    ]
    guard let path = arguments.first, let reader = readers[mode] else { usage() }
    do {
        let (records, fields) = try reader(path)
        print(records, fields)
    } catch {
        progress("\(mode): \(error)")
        exit(1)
    }

case "report":
    var tsv = false
    var path: String?
    for argument in arguments {
        if argument == "--tsv" { tsv = true } else { path = argument }
    }
    guard let path, let text = readFile(path) else { usage() }
    printReport(Figures(text: text), tsv: tsv)

default:
    usage()
}
