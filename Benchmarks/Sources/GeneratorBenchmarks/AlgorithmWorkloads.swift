//===----------------------------------------------------------------------===//
// The GeneratorAlgorithms workloads: the itertools-style operators chained
// into one lazy pipeline over a generator, against the same pipeline built
// from CPython's itertools.
//
// Like Workloads.swift, each takes `n` (source values) and returns a
// checksum, which the harness checks against a plain reference computation
// over arrays that uses none of the operators.
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
    let numbers = Generator<Int> { g in
        for i in 0..<n { try g.yield(i) }
    }
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

// MARK: - The in-process suite

/// Times the GeneratorAlgorithms metrics. Returns (key, value) lines for the
/// report.
func runAlgorithmTimedSuite(plan: TimingPlan) -> [(String, Double)] {
    progress("timing algo.sync_pipeline ...")
    let pipelineGroup = [
        Workload(name: "algo.sync_pipeline", run: sumOfAlgorithmPipeline, expected: expectedAlgorithmPipeline)
    ]
    return measureBestByName(pipelineGroup, plan: plan)
}
