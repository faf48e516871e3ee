//===----------------------------------------------------------------------===//
// The async workloads: `AsyncGenerator` against the other ways Swift hands
// values from one task to another (AsyncChannel, a bare CheckedContinuation
// ping-pong, AsyncStream) and against a CPython async generator.
//
// The harness is synchronous: each workload runs in a detached task while the
// calling (main) thread waits on a semaphore, so no thread of the cooperative
// pool is ever blocked. Starting that task costs a few microseconds per
// repetition, amortized over the n values of the repetition.
//
// Like Workloads.swift, each takes `n` and returns the sum of the values it
// saw, which the harness checks against triangular(n).
//===----------------------------------------------------------------------===//
import AsyncAlgorithms
import Dispatch
import Generators
import Synchronization

/// Where the detached task leaves its result; the semaphore orders the write
/// before the read.
private final class ResultBox: @unchecked Sendable {
    var value = 0
}

/// Runs `body` in a detached task and blocks the calling thread, which must
/// not be a thread of the cooperative pool (it is the main thread), until
/// it returns.
func runBlocking(_ body: @escaping @Sendable () async -> Int) -> Int {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value
}

/// Stops on an error a workload's body should never throw.
func unexpected(_ name: String, _ error: any Error) -> Never {
    fatalError("\(name): unexpected error \(error)")
}

// MARK: - async.lazy

/// The executor of `async.lazy`: the one the package ships for this.
let benchmarkExecutor = SingleThreadTaskExecutor()

/// `async.lazy`: the cost per value of a lazy async generator (PEP 525): the
/// producer runs only when the consumer asks, so every value is one request,
/// one resume of the body up to its next `yield`, one suspension and one
/// value handed back. The consumer is `for try await` summing Ints, on the
/// package's `SingleThreadTaskExecutor` (`withTaskExecutorPreference`, as
/// the async generators guide tells users), so the producer, which takes
/// the consumer's preference, runs on the same thread.
///
/// Baselines in the same process, both on the default executor:
/// sumOfAsyncChannel (`asyncchannel`) and sumOfContinuationPingPong
/// (`continuation_pingpong`), both also one request and one answer per
/// value between two tasks; and python/async_generator.py
/// (`cpython_async_generator`).
@inline(never)
func sumOfLazyAsyncGenerator(_ n: Int) async -> Int {
    await withTaskExecutorPreference(benchmarkExecutor) {
        await sum(countingGenerator(n, runAhead: nil), metric: "async.lazy")
    }
}

/// `async.lazy.scoped`: the same generator made with `withAsyncGenerator`,
/// whose producer is a child task of the consumer's (cancellation needs no
/// handler per `next()`), consumed on the same executor.
@inline(never)
func sumOfScopedAsyncGenerator(_ n: Int) async -> Int {
    await withTaskExecutorPreference(benchmarkExecutor) {
        do {
            return try await withAsyncGenerator(of: Int.self) { g in
                for i in 0..<n { try await g.yield(i) }
            } consume: { numbers in
                await sum(numbers, metric: "async.lazy.scoped")
            }
        } catch {
            unexpected("async.lazy.scoped", error)
        }
    }
}

/// `async.lazy.default_executor`: the same with no executor preference, as
/// a user who has not read the guide runs it: producer and consumer on
/// Swift's default (global, multi-threaded) executor.
@inline(never)
func sumOfLazyAsyncGeneratorOnTheDefaultExecutor(_ n: Int) async -> Int {
    await sum(countingGenerator(n, runAhead: nil), metric: "async.lazy.default_executor")
}

/// An async generator yielding 0..<n, lazy or running ahead `runAhead` values.
func countingGenerator(_ n: Int, runAhead: Int?) -> AsyncGenerator<Int> {
    let body: @Sendable (AsyncGenerator<Int>.Yielder) async throws -> Void = { g in
        for i in 0..<n { try await g.yield(i) }
    }
    guard let runAhead else { return AsyncGenerator(body) }
    return AsyncGenerator(runAhead: runAhead, body)
}

/// The consumer of every async row: `for try await` summing the values and,
/// for the slow-consumer rows, doing slowConsumerWork on each. Inlined into
/// each workload, so that each gets its own specialized loop.
@inline(__always)
func sum<Values: AsyncSequence>(_ values: Values, metric: String, slow: Bool = false) async -> Int
where Values.Element == Int {
    var sum = 0
    var work = 0
    do {
        for try await x in values {
            sum &+= x
            if slow { work ^= slowConsumerWork(x) }
        }
    } catch {
        unexpected(metric, error)
    }
    blackHole(work)
    return sum
}

/// `asyncchannel`: swift-async-algorithms' `AsyncChannel<Int>`, a producer
/// task sending 0..<n (each `send` waits until the consumer takes the value),
/// the consumer iterating with `for await`.
@inline(never)
func sumOfAsyncChannel(_ n: Int) async -> Int {
    let channel = AsyncChannel<Int>()
    let producer = Task {
        for i in 0..<n { await channel.send(i) }
        channel.finish()
    }
    var sum = 0
    for await x in channel { sum &+= x }
    await producer.value
    return sum
}

/// The rendezvous of the continuation ping-pong: either the producer waits
/// for a request, or a request waits for the producer (never both).
private final class PingPong: Sendable {
    private struct State {
        /// The producer, parked until a request comes.
        var producer: CheckedContinuation<CheckedContinuation<Int, Never>, Never>?
        /// A request that came while the producer was busy.
        var request: CheckedContinuation<Int, Never>?
    }
    private let state = Mutex(State())

    /// Consumer side: asks for one value and waits for the answer.
    func ask() async -> Int {
        await withCheckedContinuation { (answer: CheckedContinuation<Int, Never>) in
            let producer = state.withLock { state in
                if let producer = state.producer {
                    state.producer = nil
                    return Optional(producer)
                }
                state.request = answer
                return nil
            }
            producer?.resume(returning: answer)
        }
    }

    /// Producer side: waits for the next request; answering it is resuming
    /// the returned continuation.
    func nextRequest() async -> CheckedContinuation<Int, Never> {
        await withCheckedContinuation { (producer: CheckedContinuation<CheckedContinuation<Int, Never>, Never>) in
            let request = state.withLock { state in
                if let request = state.request {
                    state.request = nil
                    return Optional(request)
                }
                state.producer = producer
                return nil
            }
            if let request { producer.resume(returning: request) }
        }
    }
}

/// `continuation_pingpong`: the least a lazy hand-off between two tasks can
/// cost with the standard library alone: the consumer asks (parks on a
/// `CheckedContinuation` it hands over), the producer task, parked on its
/// own continuation, wakes up, answers with one Int and parks again. Two
/// task suspensions and resumptions per value, like `async.lazy`.
@inline(never)
func sumOfContinuationPingPong(_ n: Int) async -> Int {
    let pingPong = PingPong()
    let producer = Task {
        for i in 0..<n { await pingPong.nextRequest().resume(returning: i) }
    }
    var sum = 0
    for _ in 0..<n { sum &+= await pingPong.ask() }
    await producer.value
    return sum
}

// MARK: - async.buffered

/// The run-ahead limit of the buffered rows.
let runAheadLimit = 1024

/// `async.buffered`: the cost per value of an async generator whose producer
/// runs ahead into a bounded buffer (runAhead: 1024): it fills the buffer
/// while the consumer drains it, and parks only when 1024 values wait.
///
/// Baselines: sumOfAsyncStream (`asyncstream_unbounded`) in the same process,
/// and python/async_generator.py (`cpython_async_generator`).
@inline(never)
func sumOfBufferedAsyncGenerator(_ n: Int) async -> Int {
    await sum(countingGenerator(n, runAhead: runAheadLimit), metric: "async.buffered")
}

/// `asyncstream_unbounded`: `AsyncStream<Int>` with its default (unbounded)
/// buffering; a producer task yields 0..<n and finishes, the consumer
/// iterates with `for await`.
@inline(never)
func sumOfAsyncStream(_ n: Int) async -> Int {
    let (stream, producer) = countingStream(n)
    let total = await sum(stream, metric: "asyncstream_unbounded")
    await producer.value
    return total
}

/// An unbounded `AsyncStream<Int>` fed 0..<n by a producer task that never
/// waits, and that task.
func countingStream(_ n: Int) -> (AsyncStream<Int>, Task<Void, Never>) {
    let (stream, continuation) = AsyncStream<Int>.makeStream()
    let producer = Task {
        for i in 0..<n { continuation.yield(i) }
        continuation.finish()
    }
    return (stream, producer)
}

// MARK: - async.peak_rss: fast producer, slow consumer

/// Iterations of the consumer's busy loop per value in the peak-RSS runs:
/// a chain of dependent multiplications, some tens of nanoseconds, so that
/// the producer (which does nothing but yield) is always ahead.
let slowConsumerSpin = 64

/// The consumer's work per value: a dependent chain the optimizer cannot
/// remove (its result is returned and goes to a black hole).
@inline(never)
func slowConsumerWork(_ x: Int) -> Int {
    var h = x
    for _ in 0..<opaque(slowConsumerSpin) { h = h &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
    return h
}

/// A fast producer (yields 0..<n as fast as it can) and a slow consumer
/// (slowConsumerWork per value) through ours with runAhead 1024: the
/// producer must park at 1024 waiting values, so memory stays flat.
@inline(never)
func slowConsumerOfBufferedAsyncGenerator(_ n: Int) async -> Int {
    await sum(countingGenerator(n, runAhead: runAheadLimit), metric: "async.peak_rss", slow: true)
}

/// The same through an unbounded `AsyncStream<Int>`: nothing slows the
/// producer down, so the values the consumer has not taken yet pile up.
@inline(never)
func slowConsumerOfAsyncStream(_ n: Int) async -> Int {
    let (stream, producer) = countingStream(n)
    let total = await sum(stream, metric: "asyncstream_unbounded.peak_rss", slow: true)
    await producer.value
    return total
}

// MARK: - The in-process async suite

/// Times the async metrics, each pair (or triple) interleaved repetition by
/// repetition. Returns (key, value) lines for the report.
func runAsyncTimedSuite(plan: TimingPlan) -> [(String, Double)] {
    progress("timing async.lazy, AsyncChannel and the continuation ping-pong ...")
    let lazyGroup = [
        asyncWorkload("async.lazy", sumOfLazyAsyncGenerator),
        asyncWorkload("async.lazy.default_executor", sumOfLazyAsyncGeneratorOnTheDefaultExecutor),
        asyncWorkload("async.lazy.scoped", sumOfScopedAsyncGenerator),
        asyncWorkload("asyncchannel", sumOfAsyncChannel),
        asyncWorkload("continuation_pingpong", sumOfContinuationPingPong),
    ]
    let lazy = measureBestByName(lazyGroup, plan: plan)

    progress("timing async.buffered and AsyncStream ...")
    let bufferedGroup = [
        asyncWorkload("async.buffered", sumOfBufferedAsyncGenerator),
        asyncWorkload("asyncstream_unbounded", sumOfAsyncStream),
    ]
    return lazy + measureBestByName(bufferedGroup, plan: plan)
}

/// A workload that runs the async loop `sum` of `n` values (at least
/// `minimumSize`) from the synchronous harness (see runBlocking).
func asyncWorkload(_ name: String, minimumSize: Int = 1, _ sum: @escaping @Sendable (Int) async -> Int) -> Workload {
    Workload(
        name: name,
        run: { n in runBlocking { await sum(n) } },
        expected: triangular,
        minimumSize: minimumSize
    )
}
