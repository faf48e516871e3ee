import Foundation
import Generators
import Synchronization
import Testing
import _GeneratorsTestSupport

/// How long each stress test runs: `GENERATORS_STRESS_SECONDS` (the reliability figures use 30),
/// one second by default, so that the suite and the sanitizer runs stay short.
private let stressSeconds: Double =
    ProcessInfo.processInfo.environment["GENERATORS_STRESS_SECONDS"]
    .flatMap(Double.init) ?? 1

/// What the stressed bodies count: every body that started, every cleanup that ran (and any
/// that ran twice), the bodies running, the objects they hold, and the operations done.
private final class StressCounters: Sendable {
    let started = Atomic<Int>(0)
    let cleaned = Atomic<Int>(0)
    let cleanedTwice = Atomic<Int>(0)
    let live = Atomic<Int>(0)
    let running = Atomic<Int>(0)
    let operations = Atomic<Int>(0)

    /// Counts a body that starts; the body calls `end()` in its cleanup.
    func bodyStarted() -> BodyLife { BodyLife(self) }

    /// A running body: an object it holds (counted while alive), and its cleanup, which counts
    /// itself, and counts again if it runs twice.
    final class BodyLife: Sendable {
        let runs = Atomic<Int>(0)
        let counters: StressCounters
        init(_ counters: StressCounters) {
            self.counters = counters
            counters.started.add(1, ordering: .sequentiallyConsistent)
            counters.running.add(1, ordering: .sequentiallyConsistent)
            counters.live.add(1, ordering: .sequentiallyConsistent)
        }
        deinit { counters.live.subtract(1, ordering: .sequentiallyConsistent) }

        func end() {
            if runs.add(1, ordering: .sequentiallyConsistent).newValue > 1 {
                counters.cleanedTwice.add(1, ordering: .sequentiallyConsistent)
            }
            counters.cleaned.add(1, ordering: .sequentiallyConsistent)
            counters.running.subtract(1, ordering: .sequentiallyConsistent)
        }
    }
}

/// Slots of generators shared by threads: a generator is taken out under the lock, used by one
/// thread, and put back (maybe into another slot, for another thread to take), so that each is
/// used by one thread at a time and moves between threads while suspended.
private final class SharedSlots: @unchecked Sendable {
    // Safety: `slots` is only touched under `lock` (an NSLock, which ThreadSanitizer sees).
    typealias Item = Coroutine<Int, Int, Void, Never>
    private let lock = NSLock()
    private var slots: [Item?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func take(_ index: Int) -> Item? {
        lock.withLock {
            defer { slots[index] = nil }
            return slots[index]
        }
    }

    /// Puts `item` into the slot; what was there is returned, to be dropped outside the lock.
    func put(_ item: Item, at index: Int) -> Item? {
        lock.withLock {
            defer { slots[index] = item }
            return slots[index]
        }
    }

    func removeAll() -> [Item?] {
        lock.withLock {
            defer { slots = slots.map { _ in nil } }
            return slots
        }
    }
}

/// Prints a stress test's figures when `Scripts/reliability` asks for them.
private func report(_ line: String) {
    if ProcessInfo.processInfo.environment["GENERATORS_RELIABILITY"] != nil { print("stress \(line)") }
}

/// One test at a time: each takes both cores.
@Suite("Stress", .serialized)
struct StressTests {
    private static func body(_ counters: StressCounters, values: Int) -> SharedSlots.Item {
        Coroutine { g in
            let life = counters.bodyStarted()
            defer { life.end() }
            var total = 0
            for n in 0..<values {
                total &+= try g.yield(n) ?? 0
            }
        }
    }

    @Test("8 threads create, advance, move while suspended, close and drop each other's generators")
    func threads() {
        let counters = StressCounters()
        let shared = SharedSlots(count: 64)
        let deadline = Date().addingTimeInterval(stressSeconds)
        let finished = DispatchGroup()
        for thread in 0..<8 {
            finished.enter()
            let worker = Thread {
                var random = SplitMix(seed: UInt64(thread) &+ 1)
                var operations = 0
                while operations < 2_000_000, operations % 64 != 0 || Date() < deadline {
                    operations += 1
                    let slot = Int(random.next() % 64)
                    switch random.next() % 8 {
                    case 0, 1:
                        // A new generator, sometimes one that delegates to one taken from a slot.
                        var made = Self.body(counters, values: Int(random.next() % 6))
                        if random.next() % 4 == 0, let inner = shared.take(Int(random.next() % 64)) {
                            let outer = Self.body(counters, values: 1)
                            made = Coroutine { g in
                                try g.yield(from: inner)
                                try g.yield(from: outer)
                            }
                        }
                        _ = shared.put(made, at: slot)
                    case 2, 3, 4:
                        // Advance a few steps, then hand it to another slot (another thread).
                        guard let generator = shared.take(slot) else { continue }
                        for _ in 0..<(random.next() % 3) {
                            _ = try? generator.send(Int(random.next() % 100))
                        }
                        _ = shared.put(generator, at: Int(random.next() % 64))
                    case 5:
                        guard let generator = shared.take(slot) else { continue }
                        _ = try? generator.close()
                    case 6:
                        // Dropped while suspended: finalized on this thread.
                        _ = shared.take(slot)
                    default:
                        guard let generator = shared.take(slot) else { continue }
                        _ = generator.next()
                        _ = shared.put(generator, at: slot)
                    }
                }
                counters.operations.add(operations, ordering: .sequentiallyConsistent)
                finished.leave()
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        finished.wait()
        _ = shared.removeAll()
        let started = counters.started.load(ordering: .sequentiallyConsistent)
        report(
            "threads: 8 threads, \(counters.operations.load(ordering: .sequentiallyConsistent)) operations, "
                + "\(started) bodies started, \(counters.cleaned.load(ordering: .sequentiallyConsistent)) cleaned up, "
                + "\(counters.cleanedTwice.load(ordering: .sequentiallyConsistent)) twice, "
                + "\(counters.live.load(ordering: .sequentiallyConsistent)) objects left"
        )
        #expect(counters.operations.load(ordering: .sequentiallyConsistent) > 1000)
        #expect(started > 100)
        #expect(counters.cleaned.load(ordering: .sequentiallyConsistent) == started)
        #expect(counters.cleanedTwice.load(ordering: .sequentiallyConsistent) == 0)
        #expect(counters.live.load(ordering: .sequentiallyConsistent) == 0)
    }

    /// Where a consumer is cancelled in its generator's life.
    private enum CancelPoint: CaseIterable {
        case beforeStart, atYield, inInnerAwait, duringClose
    }

    /// How the stressed async generators are made and consumed.
    enum AsyncForm: CaseIterable, Sendable {
        /// `AsyncGenerator`, its consumer on the default executor.
        case plain
        /// `AsyncGenerator`, its consumer (and so its producer) on a `SingleThreadTaskExecutor`.
        case onOneThread
        /// `withAsyncGenerator`: the producer a child task of the consumer's.
        case scoped
    }

    /// The executor of the `.onOneThread` consumers.
    private static let oneThread = SingleThreadTaskExecutor()

    @Test(
        "consumers cancelled at random points (10,000 plain, 2,000 of each other form): every cleanup once, no body left running",
        arguments: AsyncForm.allCases
    )
    func asyncConsumers(form: AsyncForm) async throws {
        let counters = StressCounters()
        let consumers = form == .plain ? 10_000 : 2_000
        await withTaskGroup(of: Void.self) { group in
            var random = SplitMix(seed: 12)
            for index in 0..<consumers {
                // At most 200 consumers at a time.
                if index >= 200 { await group.next() }
                let point = CancelPoint.allCases[Int(random.next() % 4)]
                let values = Int(random.next() % 4)
                let delay = Int(random.next() % 200)
                // On one thread, the canceller shares it too: its wait lets the consumer run.
                group.addTask(executorPreference: form == .onOneThread ? Self.oneThread : nil) {
                    let body: @Sendable (AsyncGenerator<Int>.Yielder) async throws -> Void = { g in
                        let life = counters.bodyStarted()
                        defer { life.end() }
                        try await tryFinally {
                            for n in 0..<values {
                                try await g.yield(n)
                                // An inner await: cancellation lands here or at the yield.
                                try await Task.sleep(for: .microseconds(50))
                            }
                            try await Task.sleep(for: .seconds(60))
                        } finally: {
                            // Cleanup that awaits, as aclose's may.
                            await Task.yield()
                        }
                    }
                    let consume: @Sendable (AsyncGenerator<Int>) async throws -> Void = { generator in
                        switch point {
                        case .beforeStart:
                            for try await _ in generator {}
                        case .atYield:
                            _ = try await generator.next()
                            try await Task.sleep(for: .seconds(60))
                        case .inInnerAwait:
                            while try await generator.next() != nil {}
                        case .duringClose:
                            _ = try await generator.next()
                            try await generator.close()
                        }
                    }
                    let consumer = Task(executorPreference: form == .onOneThread ? Self.oneThread : nil) {
                        if form == .scoped {
                            try await withAsyncGenerator(of: Int.self, body, consume: consume)
                        } else {
                            try await consume(AsyncGenerator(body))
                        }
                    }
                    if point != .beforeStart { try? await Task.sleep(for: .microseconds(delay)) }
                    consumer.cancel()
                    _ = await consumer.result
                    counters.operations.add(1, ordering: .sequentiallyConsistent)
                }
            }
        }
        // The dropped generators close in the background: wait (bounded) for their cleanup.
        let deadline = ContinuousClock.now + .seconds(30)
        while counters.running.load(ordering: .sequentiallyConsistent) > 0
            || counters.cleaned.load(ordering: .sequentiallyConsistent)
                < counters.started.load(ordering: .sequentiallyConsistent),
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(10))
        }
        let started = counters.started.load(ordering: .sequentiallyConsistent)
        report(
            "async, \(form): \(consumers) consumers cancelled, \(started) bodies started, "
                + "\(counters.cleaned.load(ordering: .sequentiallyConsistent)) cleaned up, "
                + "\(counters.cleanedTwice.load(ordering: .sequentiallyConsistent)) twice, "
                + "\(counters.running.load(ordering: .sequentiallyConsistent)) bodies still running, "
                + "\(counters.live.load(ordering: .sequentiallyConsistent)) objects left"
        )
        #expect(counters.operations.load(ordering: .sequentiallyConsistent) == consumers)
        #expect(started > consumers / 2)
        #expect(counters.cleaned.load(ordering: .sequentiallyConsistent) == started)
        #expect(counters.cleanedTwice.load(ordering: .sequentiallyConsistent) == 0)
        #expect(counters.running.load(ordering: .sequentiallyConsistent) == 0)
        #expect(counters.live.load(ordering: .sequentiallyConsistent) == 0)
    }
}
