//===----------------------------------------------------------------------===//
// The report: turns the figures gathered by Benchmarks/run (ours, the C and
// CPython baselines, callgrind counts, all from the same run) into the ratio
// table, or into TSV.
//
// Every ratio is ours / baseline, so smaller is better for every row, and a
// goal "N× faster than the baseline" reads "ratio ≤ 1/N". Rows without a
// baseline (`none`) compare against an absolute limit: their ratio is
// ours / limit (or ours itself when the limit is 0), and ≤ 1 (≤ 0) meets it.
//===----------------------------------------------------------------------===//

/// What a row must achieve.
enum Goal {
    /// ours is at least `factor` times faster: ratio ≤ 1 / factor.
    case fasterBy(Double)
    /// ours / baseline ≤ `limit`.
    case ratioAtMost(Double)
    /// ours ≤ `limit` in absolute terms (no baseline).
    case atMost(Double)
    /// Informational: no goal.
    case none

    /// The largest ratio that meets the goal, if there is one.
    var ratioLimit: Double? {
        switch self {
        case .fasterBy(let factor): 1 / factor
        case .ratioAtMost(let limit): limit
        case .atMost(let limit): limit > 0 ? 1 : 0
        case .none: nil
        }
    }

    /// The goal as a bound on the ratio, with what it means.
    func text(unit: String) -> String {
        switch self {
        case .fasterBy(let factor): "≤ \(fixed(1 / factor, 4)) (≥ \(shortest(factor))× faster)"
        case .ratioAtMost(let limit): "≤ \(fixed(limit, 2))"
        case .atMost(let limit) where limit > 0: "≤ 1 (≤ \(shortest(limit)) \(unit))"
        case .atMost(let limit): "≤ \(fixed(limit, 0)) (\(unit))"
        case .none: "(information)"
        }
    }
}

/// How the figures of one key from several rounds are combined.
enum Combine {
    /// The best (smallest): times, where noise only ever adds.
    case best
    /// The sum: counts of events that must not happen.
    case total
}

/// One line of the report.
struct Row {
    let metric: String
    /// The key of our figure: the metric's name.
    var ours: String { metric }
    /// The unit of both figures.
    let unit: String
    /// The baseline's name as printed (`none` when there is none).
    let baselineName: String
    /// The key of the baseline's figure (nil when there is none).
    let baselineKey: String?
    let goal: Goal
    /// How repeated figures of `ours` are combined.
    var combine: Combine = .best

    /// The row's name in messages.
    var title: String {
        baselineKey == nil ? metric : "\(metric) vs \(baselineName)"
    }
}

/// The rows, in order. Keys are what `measure`, `rss`, the Python scripts
/// and the callgrind step of Benchmarks/run print.
let reportRows: [Row] = [
    Row(
        metric: "sync.next",
        unit: "ns/value",
        baselineName: "cpython_generator",
        baselineKey: "cpython_generator",
        goal: .fasterBy(15)
    ),
    Row(
        metric: "sync.next",
        unit: "ns/value",
        baselineName: "c_switch_roundtrip",
        baselineKey: "c_switch_roundtrip",
        goal: .ratioAtMost(0.8)
    ),
    Row(
        metric: "sync.yield_from.depth100",
        unit: "ns/value",
        baselineName: "sync.yield_from.depth1",
        baselineKey: "sync.yield_from.depth1",
        goal: .ratioAtMost(1.2)
    ),
    Row(
        metric: "sync.yield_from.depth100",
        unit: "ns/value",
        baselineName: "cpython_yield_from_depth10",
        baselineKey: "cpython_yield_from_depth10",
        goal: .fasterBy(30)
    ),
    Row(
        metric: "sync.create_run_drop",
        unit: "ns/generator",
        baselineName: "cpython_create_run_drop",
        baselineKey: "cpython_create_run_drop",
        goal: .fasterBy(2.5)
    ),
    Row(
        metric: "sync.create_run_drop",
        unit: "ns/generator",
        baselineName: "swift_alloc_floor",
        baselineKey: "swift_alloc_floor",
        goal: .ratioAtMost(2)
    ),
    Row(
        metric: "swift_alloc_floor",
        unit: "ns/generator",
        baselineName: "cpython_create_run_drop",
        baselineKey: "cpython_create_run_drop",
        goal: .none
    ),
    Row(
        metric: "sync.create_run_drop.stack_mmap_calls",
        unit: "calls",
        baselineName: "none",
        baselineKey: nil,
        goal: .atMost(0),
        combine: .total
    ),
    Row(
        metric: "sync.tree_inorder",
        unit: "ns/node",
        baselineName: "cpython_tree_inorder",
        baselineKey: "cpython_tree_inorder",
        goal: .fasterBy(8)
    ),
    Row(
        metric: "sync.knights_tour",
        unit: "ns/tour",
        baselineName: "cpython_knights_tour",
        baselineKey: "cpython_knights_tour",
        goal: .fasterBy(8)
    ),
    Row(
        metric: "sync.send",
        unit: "ns/value",
        baselineName: "cpython_send",
        baselineKey: "cpython_send",
        goal: .fasterBy(12)
    ),
    Row(
        metric: "sync.rss_per_suspended",
        unit: "bytes/generator",
        baselineName: "none",
        baselineKey: nil,
        goal: .atMost(8192)
    ),
    Row(
        metric: "async.lazy",
        unit: "ns/value",
        baselineName: "asyncchannel",
        baselineKey: "asyncchannel",
        goal: .fasterBy(8)
    ),
    Row(
        metric: "async.lazy",
        unit: "ns/value",
        baselineName: "continuation_pingpong",
        baselineKey: "continuation_pingpong",
        goal: .fasterBy(2.4)
    ),
    Row(
        metric: "async.lazy",
        unit: "ns/value",
        baselineName: "cpython_async_generator",
        baselineKey: "cpython_async_generator",
        goal: .ratioAtMost(3.5)
    ),
    Row(
        metric: "async.lazy.scoped",
        unit: "ns/value",
        baselineName: "async.lazy",
        baselineKey: "async.lazy",
        goal: .none
    ),
    Row(
        metric: "async.lazy.scoped",
        unit: "ns/value",
        baselineName: "cpython_async_generator",
        baselineKey: "cpython_async_generator",
        goal: .ratioAtMost(3.5)
    ),
    Row(
        metric: "async.lazy.default_executor",
        unit: "ns/value",
        baselineName: "continuation_pingpong",
        baselineKey: "continuation_pingpong",
        goal: .fasterBy(1.3)
    ),
    Row(
        metric: "async.buffered",
        unit: "ns/value",
        baselineName: "asyncstream_unbounded",
        baselineKey: "asyncstream_unbounded",
        goal: .fasterBy(25)
    ),
    Row(
        metric: "async.buffered",
        unit: "ns/value",
        baselineName: "cpython_async_generator",
        baselineKey: "cpython_async_generator",
        goal: .fasterBy(2)
    ),
    Row(
        metric: "algo.sync_pipeline",
        unit: "ns/value",
        baselineName: "cpython_itertools",
        baselineKey: "cpython_itertools",
        goal: .fasterBy(8)
    ),
    Row(
        metric: "algo.concurrent_map",
        unit: "ns/value",
        baselineName: "taskgroup",
        baselineKey: "taskgroup",
        goal: .ratioAtMost(1.12)
    ),
    // The same hand-written loop as the producer of a run-ahead generator:
    // the hand-off to a consumer task that an operator with a producer pays.
    Row(
        metric: "taskgroup.through_generator",
        unit: "ns/value",
        baselineName: "taskgroup",
        baselineKey: "taskgroup",
        goal: .none
    ),
    Row(
        metric: "algo.concurrent_map",
        unit: "ns/value",
        baselineName: "cpython_aiostream",
        baselineKey: "cpython_aiostream",
        goal: .fasterBy(5)
    ),
    // The peak buffer of a tee whose branches are 1,000 apart, against
    // 1,000 Ints (8,000 bytes): O(lag), whatever the length.
    Row(
        metric: "algo.tee_lag_bytes",
        unit: "bytes",
        baselineName: "none",
        baselineKey: nil,
        goal: .atMost(8000)
    ),
    // Peak RSS with a slow consumer: against the unbounded AsyncStream for
    // information (both figures shown), and against ours at 100,000 values,
    // which is the goal: flat, 10 million values cost what 100,000 cost.
    Row(
        metric: "async.peak_rss",
        unit: "bytes",
        baselineName: "asyncstream_unbounded",
        baselineKey: "asyncstream_unbounded.peak_rss",
        goal: .none
    ),
    Row(
        metric: "async.peak_rss",
        unit: "bytes",
        baselineName: "async.peak_rss.100k",
        baselineKey: "async.peak_rss.100k",
        goal: .ratioAtMost(1.1)
    ),
    Row(
        metric: "async.buffered.mallocs_per_value",
        unit: "mallocs/value",
        baselineName: "none",
        baselineKey: nil,
        goal: .atMost(0.01)
    ),
    // The pipelines (issue 10): `gen logs --json` end to end on one
    // generated log (1 GB, or about 100 MB with --quick), in ns per line.
    Row(
        metric: "pipe.logs",
        unit: "ns/line",
        baselineName: "cpython_log_pipeline",
        baselineKey: "cpython_log_pipeline",
        goal: .fasterBy(10)
    ),
    Row(
        metric: "pipe.logs",
        unit: "ns/line",
        baselineName: "mawk",
        baselineKey: "mawk",
        goal: .fasterBy(7)
    ),
    Row(
        metric: "pipe.logs.jobs2",
        unit: "ns/line",
        baselineName: "pipe.logs",
        baselineKey: "pipe.logs",
        goal: .fasterBy(1.7)
    ),
    // Peak RSS of gen logs: at the full size of a log whose distinct keys
    // are those of a tenth of it (a bounded key pool), against that tenth:
    // memory follows the keys, never the lines.
    Row(
        metric: "pipe.logs.peak_rss",
        unit: "bytes",
        baselineName: "pipe.logs.peak_rss.100mb",
        baselineKey: "pipe.logs.peak_rss.100mb",
        goal: .ratioAtMost(1.1)
    ),
    // And on the realistic log of the timed rows: under 50 MB.
    Row(
        metric: "pipe.logs.peak_rss.realistic",
        unit: "bytes",
        baselineName: "none",
        baselineKey: nil,
        goal: .atMost(50_000_000)
    ),
    Row(
        metric: "pipe.lines",
        unit: "ns/line",
        baselineName: "wc_l",
        baselineKey: "wc_l",
        goal: .ratioAtMost(2)
    ),
    Row(
        metric: "pipe.lines",
        unit: "ns/line",
        baselineName: "cpython_lines",
        baselineKey: "cpython_lines",
        goal: .fasterBy(3)
    ),
    Row(
        metric: "pipe.lines.slices",
        unit: "ns/line",
        baselineName: "pipe.lines",
        baselineKey: "pipe.lines",
        goal: .none
    ),
    Row(
        metric: "pipe.lines.strings",
        unit: "ns/line",
        baselineName: "pipe.lines",
        baselineKey: "pipe.lines",
        goal: .none
    ),
    // CSV: why CSVRecords is our own (information: the issue sets no goal).
    // One generated file of quoted fields with commas, quotes and line
    // breaks; ns per record, and the peak RSS against SwiftCSV's, which
    // reads the whole file into memory first.
    Row(
        metric: "csv.records",
        unit: "ns/record",
        baselineName: "cpython_csv",
        baselineKey: "cpython_csv",
        goal: .none
    ),
    Row(
        metric: "csv.records",
        unit: "ns/record",
        baselineName: "swiftcsv",
        baselineKey: "swiftcsv",
        goal: .none
    ),
    Row(
        metric: "csv.records",
        unit: "ns/record",
        baselineName: "csv_swift",
        baselineKey: "csv_swift",
        goal: .none
    ),
    Row(
        metric: "csv.records.peak_rss",
        unit: "bytes",
        baselineName: "swiftcsv.peak_rss",
        baselineKey: "swiftcsv.peak_rss",
        goal: .none
    ),
    Row(
        metric: "callgrind.sync.next",
        unit: "instr/value",
        baselineName: "c_switch_roundtrip",
        baselineKey: "callgrind.c_switch_roundtrip",
        goal: .none
    ),
    // The instruction counts behind the create_run_drop and sync_pipeline
    // goals: stable where the times are not, so the same goals apply.
    Row(
        metric: "callgrind.sync.create_run_drop",
        unit: "instr/generator",
        baselineName: "swift_alloc_floor",
        baselineKey: "callgrind.swift_alloc_floor",
        goal: .ratioAtMost(2)
    ),
    Row(
        metric: "callgrind.sync.create_run_drop",
        unit: "instr/generator",
        baselineName: "cpython_create_run_drop",
        baselineKey: "callgrind.cpython_create_run_drop",
        goal: .fasterBy(2.5)
    ),
    // Four allocations per node (two generators, each an object and a
    // closure context): twice the floor's two is the walk's floor.
    Row(
        metric: "callgrind.sync.tree_inorder",
        unit: "instr/node",
        baselineName: "swift_alloc_floor",
        baselineKey: "callgrind.swift_alloc_floor",
        goal: .none
    ),
    // Where the async.lazy time goes (one thread, no wake-ups): see the
    // async generators guide's "The fast path" for the breakdown.
    Row(
        metric: "callgrind.async.lazy",
        unit: "instr/value",
        baselineName: "cpython_async_generator",
        baselineKey: "callgrind.cpython_async_generator",
        goal: .ratioAtMost(3.5)
    ),
    Row(
        metric: "callgrind.async.lazy.scoped",
        unit: "instr/value",
        baselineName: "cpython_async_generator",
        baselineKey: "callgrind.cpython_async_generator",
        goal: .ratioAtMost(3.5)
    ),
    Row(
        metric: "callgrind.sync.knights_tour",
        unit: "instr/tour",
        baselineName: "cpython_knights_tour",
        baselineKey: "callgrind.cpython_knights_tour",
        goal: .fasterBy(8)
    ),
    // The CPU a value of the concurrent map costs against its hand-written
    // twin: the stable form of algo.concurrent_map's goal (valgrind runs one
    // thread at a time, so the waits' overlap is not counted).
    Row(
        metric: "callgrind.algo.concurrent_map",
        unit: "instr/value",
        baselineName: "taskgroup",
        baselineKey: "callgrind.taskgroup",
        goal: .ratioAtMost(1.12)
    ),
    Row(
        metric: "callgrind.algo.sync_pipeline",
        unit: "instr/value",
        baselineName: "cpython_itertools",
        baselineKey: "callgrind.cpython_itertools",
        goal: .fasterBy(8)
    ),
    // Web: Server-Sent Events from generators on Hummingbird, against FastAPI +
    // sse-starlette under uvicorn (one worker), the same load client on both.
    Row(
        metric: "web.sse_ns_per_event",
        unit: "ns/event",
        baselineName: "sse_starlette_ns_per_event",
        baselineKey: "sse_starlette_ns_per_event",
        goal: .fasterBy(10)
    ),
    Row(
        metric: "web.bytes_per_idle_stream",
        unit: "bytes",
        baselineName: "sse_starlette_bytes_per_idle_stream",
        baselineKey: "sse_starlette_bytes_per_idle_stream",
        goal: .ratioAtMost(0.2)
    ),
    Row(
        metric: "web.first_event_p99_ns",
        unit: "ns",
        baselineName: "sse_starlette_first_event_p99_ns",
        baselineKey: "sse_starlette_first_event_p99_ns",
        goal: .ratioAtMost(0.2)
    ),
    Row(
        metric: "web.disconnect_storm_unclosed",
        unit: "generators",
        baselineName: "none",
        baselineKey: nil,
        goal: .atMost(0),
        combine: .total
    ),
    Row(
        metric: "web.disconnect_storm_ns",
        unit: "ns",
        baselineName: "sse_starlette_disconnect_storm_ns",
        baselineKey: "sse_starlette_disconnect_storm_ns",
        goal: .ratioAtMost(1)
    ),
    Row(
        metric: "web.disconnect_storm_rss",
        unit: "bytes",
        baselineName: "web.disconnect_storm_rss_before",
        baselineKey: "web.disconnect_storm_rss_before",
        goal: .ratioAtMost(1.1)
    ),
    // Spark: gen logs --partial as the stage every partition of a 1 GB log is piped through
    // (Spark local[2], Scripts/spark-logs), merged with gen merge, against the same analysis as
    // a Python generator over each partition (PySpark's mapPartitions); and against gen alone.
    Row(
        metric: "spark.logs",
        unit: "ns/line",
        baselineName: "pyspark_mappartitions",
        baselineKey: "pyspark_mappartitions",
        goal: .fasterBy(3)
    ),
    Row(
        metric: "spark.logs",
        unit: "ns/line",
        baselineName: "pipe.logs.jobs2",
        baselineKey: "pipe.logs.jobs2",
        goal: .none
    ),
    // What glibc's malloc holds for live objects after the storm (its malloc_stats(), through
    // gdb): the RSS above stays because the allocator keeps freed pages, not because the
    // streams live on.
    Row(
        metric: "web.disconnect_storm_heap",
        unit: "bytes",
        baselineName: "web.disconnect_storm_heap_before",
        baselineKey: "web.disconnect_storm_heap_before",
        goal: .none
    ),
]

/// `x` with `decimals` digits after the point (no Foundation needed).
func fixed(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    guard scaled < 9e18 else { return "\(x)" }
    let digits = String(UInt64(scaled))
    let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
    let cut = padded.index(padded.endIndex, offsetBy: -decimals)
    let body = decimals == 0 ? padded : padded[..<cut] + "." + padded[cut...]
    return (x < 0 && scaled != 0 ? "-" : "") + body
}

/// A goal's number as written: 15, 1.7, 0.01.
func shortest(_ x: Double) -> String {
    for decimals in 0..<6 {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        if (x * scale).rounded() == x * scale { return fixed(x, decimals) }
    }
    return fixed(x, 6)
}

/// A figure with a sensible number of decimals for its size (none for
/// counts and byte sizes).
func figure(_ x: Double, unit: String) -> String {
    if unit == "calls" || unit.hasPrefix("bytes") || x >= 1000 { return fixed(x, 0) }
    if x != 0 && abs(x) < 0.001 { return fixed(x, 6) }
    if x != 0 && abs(x) < 0.1 { return fixed(x, 4) }
    return x >= 10 ? fixed(x, 1) : fixed(x, 2)
}

/// A ratio with four significant decimals for small values.
func ratioText(_ x: Double) -> String {
    x < 0.1 ? fixed(x, 4) : x < 10 ? fixed(x, 3) : fixed(x, 1)
}

func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// The figures gathered by the run: `key<TAB>value` lines (a key may come
/// once per round), `skip<TAB>key<TAB>reason` lines for figures that could
/// not be taken, and `note<TAB>text` lines printed under the table.
struct Figures {
    var values: [String: [Double]] = [:]
    var skipped: [String: String] = [:]
    var notes: [String] = []

    init(text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "skip", fields.count >= 3 {
                skipped[fields[1]] = fields[2...].joined(separator: " ")
            } else if fields.first == "note", fields.count >= 2 {
                notes.append(fields[1...].joined(separator: " "))
            } else if fields.count == 2, let value = Double(fields[1]) {
                values[fields[0], default: []].append(value)
            }
        }
    }

    /// The figure for `key`, its rounds combined.
    func value(_ key: String, _ combine: Combine = .best) -> Double? {
        guard let all = values[key], !all.isEmpty else { return nil }
        switch combine {
        case .best: return all.min()
        case .total: return all.reduce(0, +)
        }
    }

    /// Why the figure for `key` is missing.
    func reason(_ key: String) -> String {
        skipped[key] ?? "not measured"
    }
}

/// Prints the report. With `tsv`, one line per row with a value:
/// `metric<TAB>ours<TAB>baseline_name<TAB>baseline<TAB>ratio`; rows that
/// could not be measured are left out (and named on standard error).
func printReport(_ figures: Figures, tsv: Bool) {
    var lines: [[String]] = []
    var unmet = 0
    var skipped: [String] = []
    for row in reportRows {
        guard let ours = figures.value(row.ours, row.combine) else {
            skipped.append("\(row.title): skipped, \(figures.reason(row.ours))")
            continue
        }
        let baseline: Double
        if let key = row.baselineKey {
            guard let value = figures.value(key) else {
                skipped.append("\(row.title): skipped, \(figures.reason(key))")
                continue
            }
            baseline = value
        } else {
            baseline = 0
        }
        let ratio: Double
        if row.baselineKey != nil {
            ratio = ours / baseline
        } else if case .atMost(let limit) = row.goal, limit > 0 {
            ratio = ours / limit
        } else {
            ratio = ours
        }

        if tsv {
            let baselineText = row.baselineKey == nil ? "0" : fixed(baseline, 3)
            print(
                [
                    row.metric, fixed(ours, ours != 0 && abs(ours) < 1 ? 6 : 3), row.baselineName, baselineText,
                    fixed(ratio, 5),
                ]
                .joined(separator: "\t")
            )
            continue
        }
        var verdict = ""
        if let limit = row.goal.ratioLimit {
            let met = ratio <= limit
            if !met { unmet += 1 }
            verdict = met ? "✓" : "✗"
        }
        var remark = ""
        if case .fasterBy = row.goal {
            let speedup = baseline / ours
            remark = speedup >= 1 ? "\(fixed(speedup, 1))× faster" : "\(fixed(1 / speedup, 1))× slower"
        }
        lines.append([
            row.metric, "\(figure(ours, unit: row.unit)) \(row.unit)", row.baselineName,
            row.baselineKey == nil ? "-" : "\(figure(baseline, unit: row.unit)) \(row.unit)",
            ratioText(ratio), row.goal.text(unit: row.unit), verdict, remark,
        ])
    }
    if tsv {
        for line in skipped { progress(line) }
        return
    }

    let header = ["metric", "ours", "baseline", "baseline value", "ratio", "goal (ratio)", "met", ""]
    var widths = header.map(\.count)
    for line in lines {
        for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func render(_ cells: [String]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            text += index == cells.count - 1 ? cell : padded(cell, widths[index]) + "  "
        }
        while text.last == " " { text.removeLast() }
        return text
    }
    print("ratio = ours / baseline, both measured in this run; smaller is better")
    print(render(header))
    print(render(widths.map { String(repeating: "-", count: $0) }))
    for line in lines { print(render(line)) }
    for line in skipped { print(line) }
    for note in figures.notes { print("note: \(note)") }
    let checked = lines.filter { !$0[6].isEmpty }.count
    print("goals met: \(checked - unmet) of \(checked)" + (skipped.isEmpty ? "" : " (\(skipped.count) rows skipped)"))
}
