//===----------------------------------------------------------------------===//
// The timing harness: a monotonic clock, a black hole, and best-of-N timing
// of workloads that are calibrated to a target duration per repetition.
//
// The machines these run on are noisy (shared cores, frequency changes), so
// every figure is the minimum over several repetitions: noise only ever adds
// time, and the minimum is the most repeatable estimate of the real cost.
//===----------------------------------------------------------------------===//
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Nanoseconds on the monotonic clock.
@inline(__always)
func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Consumes a value in a way the optimizer cannot see through, so the work
/// that produced it cannot be deleted.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {}

/// Returns its argument through a call the optimizer cannot see through, so
/// loop bounds are not compile-time constants.
@inline(never) @_optimize(none)
func opaque<T>(_ value: T) -> T { value }

/// Reports a wrong checksum and stops: a benchmark that computed the wrong
/// thing measured the wrong thing.
func checksumFailure(_ name: String, n: Int, got: Int, expected: Int) -> Never {
    progress("GeneratorBenchmarks: \(name) with n = \(n) computed \(got), expected \(expected)")
    exit(1)
}

/// Prints a progress line on standard error (standard output carries data).
func progress(_ text: String) {
    var bytes = Array("\(text)\n".utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// One thing to time: `run(n)` performs `n` operations (values, generators,
/// round trips) and returns a checksum that must equal `expected(n)`.
struct Workload {
    /// The key its figure is reported under.
    let name: String
    /// Performs `n` operations; returns the checksum.
    let run: (Int) -> Int
    /// The checksum a correct run of `n` operations returns.
    let expected: (Int) -> Int
    /// The fewest operations a repetition performs, whatever the target
    /// duration: for rows whose size is part of their definition.
    var minimumSize = 1

    /// Runs `n` operations, checks the checksum, returns the elapsed time.
    func timed(_ n: Int) -> UInt64 {
        let n = opaque(n)
        let start = nowNanoseconds()
        let result = run(n)
        let elapsed = nowNanoseconds() &- start
        blackHole(result)
        let want = expected(n)
        if result != want { checksumFailure(name, n: n, got: result, expected: want) }
        return elapsed
    }

    /// The number of operations that takes about `targetNanoseconds`, and
    /// at least `minimumSize`.
    func calibrate(targetNanoseconds: UInt64) -> Int {
        var n = 1_000
        while true {
            let elapsed = max(timed(n), 1)
            if elapsed >= targetNanoseconds / 10 || n >= 1 << 40 {
                let scaled = Double(n) * Double(targetNanoseconds) / Double(elapsed)
                return max(minimumSize, Int(scaled))
            }
            n *= 4
        }
    }
}

/// How the timed workloads are repeated.
struct TimingPlan {
    /// Timed repetitions per workload; the best is kept.
    var repetitions = 7
    /// Target duration of one repetition.
    var targetNanoseconds: UInt64 = 100_000_000
}

/// `measureBest`, each figure under its workload's name, as the report
/// reads them.
func measureBestByName(
    _ group: [Workload],
    plan: TimingPlan,
    beforeTiming: () -> Void = {}
) -> [(String, Double)] {
    Array(zip(group.map(\.name), measureBest(group, plan: plan, beforeTiming: beforeTiming)))
}

/// Times each workload of `group` `plan.repetitions` times, interleaving the
/// workloads (A B A B ...) so that a slow phase of the machine hits all of
/// them alike, and returns the best nanoseconds per operation of each.
///
/// Each workload is calibrated first (which also warms it up: caches, the
/// stack pool, lazily bound symbols), then run once untimed at full size;
/// `beforeTiming` runs after that, just before the timed repetitions.
func measureBest(_ group: [Workload], plan: TimingPlan, beforeTiming: () -> Void = {}) -> [Double] {
    let sizes = group.map { workload -> Int in
        let n = workload.calibrate(targetNanoseconds: plan.targetNanoseconds)
        _ = workload.timed(n)  // warm-up at full size
        return n
    }
    beforeTiming()
    var best = [Double](repeating: .infinity, count: group.count)
    for _ in 0..<plan.repetitions {
        for (index, workload) in group.enumerated() {
            let elapsed = workload.timed(sizes[index])
            best[index] = min(best[index], Double(elapsed) / Double(sizes[index]))
        }
    }
    return best
}
