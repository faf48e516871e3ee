//===----------------------------------------------------------------------===//
// The workloads. Each takes `n` (values, generators or round trips) and
// returns a checksum, so that the harness can check the work was done and
// the optimizer cannot drop it. Each is `@inline(never)`, so the timed code
// is exactly the loop below and not something specialized for its caller.
//
// Every workload has a CPython twin in Benchmarks/python/ doing the same
// thing, so their ratio compares like with like.
//===----------------------------------------------------------------------===//
import CBaseline
import Generators

/// 0 + 1 + ... + (n - 1): the checksum of workloads that produce 0..<n.
func triangular(_ n: Int) -> Int {
    n &* (n &- 1) / 2
}

// MARK: - sync.next

/// `sync.next`: the cost of one `next()` of a running generator: resume the
/// body, run it to its next `yield`, switch back, hand over the value. The
/// consumer is a plain `for x in gen` summing Ints, as in Python. The one
/// generator creation per call is amortized over `n` values.
///
/// CPython twin: python/generator_next.py (`cpython_generator`).
@inline(never)
func sumOfGenerator(_ n: Int) -> Int {
    let numbers = Generator<Int> { g in
        for i in 0..<n { try g.yield(i) }
    }
    var sum = 0
    for x in numbers { sum &+= x }
    return sum
}

/// `c_switch_roundtrip`: the same producer/consumer hand-off through a
/// hand-written, out-of-line C/assembly switch (CBaseline/baseline.c): two
/// switches and one value through memory per round trip.
@inline(never)
func sumOfCPingPong(_ n: Int) -> Int {
    Int(cb_pingpong_sum(Int64(n)))
}

// MARK: - sync.yield_from

/// A chain of `depth` delegating generators (`yield(from:)`) above one that
/// yields 0..<n: `chain(0, n)` is a plain generator, `chain(1, n)` has one
/// delegation, `chain(100, n)` 100 nested delegations (101 generators).
/// Each delegate is fresh (not started), so it runs inline on the
/// outermost generator's stack.
func chain(_ depth: Int, _ n: Int) -> Generator<Int> {
    Generator { g in
        if depth == 0 {
            for i in 0..<n { try g.yield(i) }
        } else {
            try g.yield(from: chain(depth - 1, n))
        }
    }
}

/// `sync.yield_from.depthD`: the cost per value of a value yielded `depth`
/// delegations below the consumer. The library promises O(1) per value at
/// any depth, so depth 100 should cost about what depth 1 costs. The
/// creation of the `depth + 1` generators is amortized over `n` values.
///
/// CPython twin: python/yield_from.py (`cpython_yield_from_depth10`), where
/// each value passes through every level, so the cost grows with depth.
@inline(never)
func sumOfChain(depth: Int, _ n: Int) -> Int {
    var sum = 0
    for x in chain(depth, n) { sum &+= x }
    return sum
}

// MARK: - sync.create_run_drop

/// `sync.create_run_drop`: the whole life of a short generator, `n` times:
/// create a generator with one value, take the value with `next()` (this
/// takes a stack from the pool and runs the body to its `yield`), then drop
/// it while it is suspended (its deinit closes it: `GeneratorExit` is thrown
/// at the `yield`, the body unwinds and the stack goes back to the pool).
/// In the steady state this must make no `mmap` call.
///
/// CPython twin: python/create_run_drop.py (`cpython_create_run_drop`):
/// `g = one(i); s += next(g)`, and rebinding `g` finalizes the old one.
@inline(never)
func createRunDrop(_ n: Int) -> Int {
    var sum = 0
    for i in 0..<n {
        let one = Generator<Int> { g in try g.yield(i) }
        sum &+= one.next() ?? -1
    }
    return sum
}

/// What every short-lived generator costs before it runs anything: a class
/// instance that keeps a capturing closure, both allocated, called once and
/// freed. A `Generator` is such an instance, and the benchmark's body
/// (capturing `i`) is such a closure.
final class AllocationFloorBox {
    let body: () -> Int
    // About the size of a generator object's fields.
    var fields: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init(_ body: @escaping () -> Int) {
        self.body = body
    }
}

/// Makes the box out of line, so the optimizer cannot keep it on the stack.
@inline(never)
func makeAllocationFloorBox(_ i: Int) -> AllocationFloorBox {
    AllocationFloorBox { i }
}

/// `swift_alloc_floor`: the allocations of `createRunDrop` and nothing else
/// (no stack, no switch, no close), the floor under `sync.create_run_drop`
/// in Swift with the system allocator.
@inline(never)
func allocationFloor(_ n: Int) -> Int {
    var sum = 0
    for i in 0..<n {
        sum &+= makeAllocationFloorBox(i).body()
    }
    return sum
}

// MARK: - sync.send

/// `sync.send`: the cost of one `send(_:)` round trip: the sent value goes
/// in at the paused `yield`, the body adds it to a running total and yields
/// the total back. Returns the last total, which is the sum of all sent.
///
/// CPython twin: python/send.py (`cpython_send`).
@inline(never)
func sendRunningTotal(_ n: Int) -> Int {
    let accumulator = Coroutine<Int, Int, Int, Never> { g in
        var total = 0
        while let value = try g.yield(total) { total &+= value }
        return total
    }
    _ = accumulator.next()  // start it: runs to the first yield
    var last = 0
    do {
        for i in 0..<n {
            if case .yielded(let total) = try accumulator.send(i) { last = total }
        }
    } catch {
        fatalError("sync.send: send threw \(error)")
    }
    return last
}

// MARK: - The in-process suite

/// Times every in-process metric: ours and the C baseline, pairs measured
/// interleaved. Returns (key, value) lines for the report.
func runTimedSuite(plan: TimingPlan) -> [(String, Double)] {
    var results: [(String, Double)] = []

    progress("timing sync.next and the C switch round trip ...")
    var nextGroup = [Workload(name: "sync.next", run: sumOfGenerator, expected: triangular)]
    if cb_switch_available() != 0 {
        nextGroup.append(Workload(name: "c_switch_roundtrip", run: sumOfCPingPong, expected: triangular))
    }
    results += measureBestByName(nextGroup, plan: plan)

    progress("timing sync.yield_from at depth 1 and 100 ...")
    let chainGroup = [1, 100].map { depth in
        Workload(name: "sync.yield_from.depth\(depth)", run: { sumOfChain(depth: depth, $0) }, expected: triangular)
    }
    results += measureBestByName(chainGroup, plan: plan)

    progress("timing sync.create_run_drop ...")
    let createGroup = [
        Workload(name: "sync.create_run_drop", run: createRunDrop, expected: triangular),
        Workload(name: "swift_alloc_floor", run: allocationFloor, expected: triangular),
    ]
    // Count the stack mmap calls of the timed repetitions only: calibration
    // and warm-up, before them, fill the stack pool.
    var mapCallsBefore = 0
    results += measureBestByName(
        createGroup,
        plan: plan,
        beforeTiming: {
            mapCallsBefore = GeneratorRuntime.stackPoolStatistics.mapCalls
        }
    )
    let mapCallsDuring = GeneratorRuntime.stackPoolStatistics.mapCalls - mapCallsBefore
    results.append(("sync.create_run_drop.stack_mmap_calls", Double(mapCallsDuring)))

    progress("timing sync.send ...")
    let sendGroup = [Workload(name: "sync.send", run: sendRunningTotal, expected: triangular)]
    results += measureBestByName(sendGroup, plan: plan)

    return results
}
