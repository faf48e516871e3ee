//===----------------------------------------------------------------------===//
// The GeneratorAlgorithms workloads: the itertools-style operators chained
// into one lazy pipeline over a generator, against the same pipeline built
// from CPython's itertools; the ordered concurrent map over an async
// generator, against a hand-written task group and aiostream; and the
// buffer a `tee` holds for a lagging branch.
//
// Like Workloads.swift, each takes `n` (source values) and returns a
// checksum, which the harness checks against a plain reference computation
// that uses none of the operators (triangular(n) for the concurrent map).
//===----------------------------------------------------------------------===//
import GeneratorAlgorithms
import Generators

// MARK: - algo.sync_pipeline

/// The batch size of the pipeline's first stage.
private let pipelineBatchCount = 4
/// The window size of the pipeline's sliding windows.
private let pipelineWindowCount = 3
/// Windows whose first sum divided by this are equal form one group.
private let pipelineGroupWidth = 1000

/// `algo.sync_pipeline`: the cost per source value of five chained lazy
/// operators over a generator yielding 0..<n:
///
/// 1. `batched(ofCount: 4)`: arrays of 4 values (the last may be shorter);
/// 2. `lazy.map`: each batch to its sum;
/// 3. `slidingWindows(ofCount: 3)`: overlapping windows of 3 sums;
/// 4. `groupedRuns(by:)`: runs of consecutive windows with the same key,
///    the first sum divided by 1000;
/// 5. `filter` and `map`: the groups with an even key, each to key + count.
///
/// The consumer sums what comes out. Every stage is lazy: nothing is
/// materialised but one batch, one window and one group at a time. The
/// generator creation is amortized over the `n` values.
///
/// CPython twin: python/itertools_pipeline.py (`cpython_itertools`), the
/// same stages with itertools.batched, a deque window, itertools.groupby.
@inline(never)
func sumOfAlgorithmPipeline(_ n: Int) -> Int {
    let numbers = chain(0, n)  // a generator of 0..<n
    // One stage per statement: the whole chain in one expression is more
    // than the type checker solves in reasonable time.
    let sums = numbers.batched(ofCount: pipelineBatchCount).lazy.map { (batch: [Int]) -> Int in
        batch.reduce(0, &+)
    }
    let groups = sums.slidingWindows(ofCount: pipelineWindowCount).groupedRuns(by: { (window: [Int]) -> Int in
        window[0] / pipelineGroupWidth
    })
    let pipeline = groups.filter { $0.key % 2 == 0 }.map { $0.key &+ $0.elements.count }
    var sum = 0
    for x in pipeline { sum &+= x }
    return sum
}

/// The checksum of sumOfAlgorithmPipeline, computed with plain loops over
/// arrays: the batch sums, then for each window its key, then the runs of
/// equal keys.
func expectedAlgorithmPipeline(_ n: Int) -> Int {
    var sums: [Int] = []
    var start = 0
    while start < n {
        var sum = 0
        var i = start
        while i < n && i < start + pipelineBatchCount {
            sum &+= i
            i += 1
        }
        sums.append(sum)
        start += pipelineBatchCount
    }
    var keys: [Int] = []
    var first = 0
    while first + pipelineWindowCount <= sums.count {
        keys.append(sums[first] / pipelineGroupWidth)
        first += 1
    }
    var total = 0
    var runStart = 0
    while runStart < keys.count {
        var runEnd = runStart + 1
        while runEnd < keys.count && keys[runEnd] == keys[runStart] { runEnd += 1 }
        if keys[runStart] % 2 == 0 { total &+= keys[runStart] &+ (runEnd - runStart) }
        runStart = runEnd
    }
    return total
}

// MARK: - algo.concurrent_map

/// The most transforms running at once in the concurrent map rows.
let concurrentMapWidth = 8
/// Values per timed repetition of the concurrent map rows, whatever the
/// target duration (0.5–1 s at 5–10 µs per value): the row's definition.
let concurrentMapCount = 100_000

/// The transform's work per value in the concurrent map rows: a 10 µs
/// sleep, not a busy loop. On two cores, 8 busy transforms could not run
/// 8 wide; a wait can, so the rows measure the operator's own cost and how
/// well it overlaps the waits (as aiostream's twin, which awaits
/// `asyncio.sleep(10e-6)`). On Linux a 10 µs `Task.sleep` takes some
/// 50–60 µs (the timer's slack), so 8 of them overlapped cost 5–7 µs per
/// value.
@inline(never)
func concurrentMapWork() async throws {
    try await Task.sleep(for: .microseconds(10))
}

/// `algo.concurrent_map`: the cost per value of the ordered concurrent map,
/// `source.map(maxConcurrency: 8) { x in try await work(x); return x }`,
/// over a lazy `AsyncGenerator<Int>` yielding 0..<n, summed with
/// `for try await`. The operator keeps up to 8 transforms in flight in
/// tasks of its own, which read the source in turn, and hands the results
/// out in order to the consumer's `next()`.
///
/// Baselines: sumOfTaskGroupMap (`taskgroup`) in the same process, and
/// python/concurrent_map.py (`cpython_aiostream`).
@inline(never)
func sumOfConcurrentMap(_ n: Int) async -> Int {
    let source = countingGenerator(n, runAhead: nil)
    let mapped = source.map(maxConcurrency: concurrentMapWidth) { x in
        try await concurrentMapWork()
        return x
    }
    return await sum(mapped, metric: "algo.concurrent_map")
}

/// `taskgroup`: the same by hand, from the same source: a
/// `withThrowingTaskGroup` keeping at most 8 child tasks running (a result
/// that came back early no longer counts), the results handed out in order
/// through a dictionary of early results keyed by index, and summed.
@inline(never)
func sumOfTaskGroupMap(_ n: Int) async -> Int {
    var sum = 0
    do {
        try await taskGroupMap(n) { sum &+= $0 }
    } catch {
        unexpected("taskgroup", error)
    }
    return sum
}

/// `taskgroup.through_generator`: the same task group loop as the producer
/// of a run-ahead `AsyncGenerator` (8 ahead, as the operator's), summed by
/// `for try await`: what handing the results to a consumer in another task
/// costs on top of `taskgroup`: what an operator with a producer task pays
/// (the concurrent map had one until it ran its transforms in tasks that
/// read the source themselves).
@inline(never)
func sumOfTaskGroupMapThroughGenerator(_ n: Int) async -> Int {
    let results = AsyncGenerator<Int>(runAhead: concurrentMapWidth) { g in
        try await taskGroupMap(n) { try await g.yield($0) }
    }
    return await sum(results, metric: "taskgroup.through_generator")
}

/// The task group loop of `taskgroup`: hands each result, in order, to `handOut`.
func taskGroupMap(_ n: Int, handOut: (Int) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: (index: Int, value: Int).self) { group in
        let elements = countingGenerator(n, runAhead: nil)  // a class: its own iterator
        var exhausted = false
        var started = 0
        var running = 0
        var handedOut = 0
        var early: [Int: Int] = [:]
        while true {
            while !exhausted, running < concurrentMapWidth {
                guard let element = try await elements.next() else {
                    exhausted = true
                    break
                }
                let index = started
                group.addTask {
                    try await concurrentMapWork()
                    return (index, element)
                }
                started += 1
                running += 1
            }
            guard let (index, value) = try await group.next() else { return }
            running -= 1
            early[index] = value
            while let next = early.removeValue(forKey: handedOut) {
                handedOut += 1
                try await handOut(next)
            }
        }
    }
}

// MARK: - algo.tee_lag_bytes

/// Values the tee rows read.
let teeCount = 1_000_000
/// How far the fast branch of the tee row runs ahead of the slow one.
let teeLag = 1_000

/// `algo.tee_lag_bytes`: the peak memory a `tee` holds for a lagging
/// branch, as `bufferedCount * MemoryLayout<Int>.stride` bytes: `let (fast,
/// slow) = numbers.tee()` over a generator yielding 0..<n; the fast branch
/// reads `lag` values first, then each step the slow branch reads one and
/// the fast one reads one, so the fast branch is always 1 to `lag` values
/// ahead (the slow branch reads before the fast one, so the lead never
/// reaches lag + 1); once the fast branch is at the end, the slow one
/// drains the rest. The buffer must hold exactly the `lag` values between
/// them at its peak: O(lag), not O(n). `bufferedCount` is read after every
/// `next()`. Not timed.
///
/// Returns the peak buffered count; stops on a wrong checksum (each branch
/// must see 0..<n in order).
@inline(never)
func peakTeeBufferedCount(_ n: Int, lag: Int) -> Int {
    let numbers = chain(0, n)  // a generator of 0..<n
    let (fast, slow) = numbers.tee()
    var expectedFast = 0
    var expectedSlow = 0
    var peak = 0
    func read(_ branch: TeeIterator<Generator<Int>.Iterator>, expecting expected: inout Int) -> Bool {
        guard let x = branch.next() else { return false }
        if x != expected { checksumFailure("algo.tee_lag_bytes", n: n, got: x, expected: expected) }
        expected += 1
        peak = max(peak, branch.bufferedCount)
        return true
    }
    while expectedFast < lag, read(fast, expecting: &expectedFast) {}
    while read(slow, expecting: &expectedSlow) {
        _ = read(fast, expecting: &expectedFast)
    }
    if expectedFast != n || expectedSlow != n {
        checksumFailure("algo.tee_lag_bytes", n: n, got: min(expectedFast, expectedSlow), expected: n)
    }
    return peak
}

// MARK: - The in-process suite

/// Times the GeneratorAlgorithms metrics. Returns (key, value) lines for the
/// report.
func runAlgorithmTimedSuite(plan: TimingPlan) -> [(String, Double)] {
    progress("timing algo.sync_pipeline ...")
    let pipelineGroup = [
        Workload(name: "algo.sync_pipeline", run: sumOfAlgorithmPipeline, expected: expectedAlgorithmPipeline)
    ]
    let pipeline = measureBestByName(pipelineGroup, plan: plan)

    progress("timing algo.concurrent_map and the task group maps (\(concurrentMapCount) values a repetition) ...")
    let mapGroup = [
        asyncWorkload("algo.concurrent_map", minimumSize: concurrentMapCount, sumOfConcurrentMap),
        asyncWorkload("taskgroup", minimumSize: concurrentMapCount, sumOfTaskGroupMap),
        asyncWorkload(
            "taskgroup.through_generator",
            minimumSize: concurrentMapCount,
            sumOfTaskGroupMapThroughGenerator
        ),
    ]
    return pipeline + measureBestByName(mapGroup, plan: plan)
}
