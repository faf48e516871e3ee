import GeneratorAlgorithms
import Generators
import Synchronization
import Testing
import _GeneratorsTestSupport

/// Lets `count` tasks through together: each waits until all have arrived.
actor Rendezvous {
    private let count: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) {
        self.count = count
    }

    func arrive() async {
        await withCheckedContinuation { continuation in
            waiting.append(continuation)
            if waiting.count == count {
                for waiter in waiting { waiter.resume() }
                waiting = []
            }
        }
    }
}

@Suite struct AsyncConcurrentMapSequenceTests {
    @Test func orderedResultsMatchAPlainMap() async throws {
        let squares = asyncNumbers(0..<200).map(maxConcurrency: 8) { $0 * $0 }
        var results: [Int] = []
        for try await square in squares { results.append(square) }
        #expect(results == (0..<200).map { $0 * $0 })
    }

    @Test(arguments: [true, false])
    func readsTheBaseOneReadAtATime(ordered: Bool) async throws {
        let base = OverlapCountingSequence(0..<300)
        let transform: @Sendable (Int) async -> Int = { x in
            await Task.yield()
            return x + 1
        }
        let mapped =
            ordered
            ? base.map(maxConcurrency: 8, transform) : base.mapUnordered(maxConcurrency: 8, transform)
        var results: [Int] = []
        for try await value in mapped { results.append(value) }
        #expect(results.sorted() == Array(1...300))
        #expect(base.counts.mostAtOnce == 1)
    }

    /// Every worker ends with the iteration, the idle ones too, so that the
    /// base's iterator goes away: read to the end, or dropped early.
    @Test(.timeLimit(.minutes(1)), arguments: [300, 20])
    func theWorkersEndWithTheIteration(reading count: Int) async throws {
        let base = OverlapCountingSequence(0..<300)
        do {
            // Transforms that end together leave workers idle.
            let iterator = base.map(maxConcurrency: 4) { x in
                await Task.yield()
                return x
            }.makeAsyncIterator()
            for expected in 0..<count { #expect(try await iterator.next() == expected) }
        }
        // The time limit ends the test if a worker never ends.
        while base.counts.liveIterators > 0 { try await Task.sleep(for: .milliseconds(1)) }
        #expect(base.counts.liveIterators == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func runsUpToTheWidthAtOnceAndNoMore() async throws {
        let width = 4
        let rendezvous = Rendezvous(width)
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let doubled = asyncNumbers(0..<40).map(maxConcurrency: width) { x in
            let now = running.add(1, ordering: .sequentiallyConsistent).newValue
            most.max(now, ordering: .sequentiallyConsistent)
            // The first `width` transforms finish only once all have started,
            // and a while after: time for a transform too many to start.
            if x < width {
                await rendezvous.arrive()
                try await Task.sleep(for: .milliseconds(50))
            }
            running.subtract(1, ordering: .sequentiallyConsistent)
            return x * 2
        }
        var results: [Int] = []
        for try await value in doubled { results.append(value) }
        #expect(results == (0..<40).map { $0 * 2 })
        #expect(most.load(ordering: .sequentiallyConsistent) == width)
    }

    /// A result that waits for an earlier one does not count as running: a
    /// slow first transform does not stop the next ones from starting, up
    /// to `width` results waiting for it.
    @Test(.timeLimit(.minutes(3)))
    func resultsWaitingForAnEarlierOneDoNotCountAsRunning() async throws {
        let width = 2
        let started = Atomic<Int>(0)
        let startedWhileTheFirstRan = Atomic<Int>(0)
        let doubled = asyncNumbers(0..<20).map(maxConcurrency: width) { x in
            started.add(1, ordering: .sequentiallyConsistent)
            if x == 0 {
                // Wait for the width's worth of results behind it (the time
                // limit ends the test if they never start: no deadline here,
                // which a loaded sanitizer run can overrun), then a little
                // longer: no more may start.
                while started.load(ordering: .sequentiallyConsistent) < 1 + width {
                    try await Task.sleep(for: .milliseconds(1))
                }
                try await Task.sleep(for: .milliseconds(100))
                startedWhileTheFirstRan.store(
                    started.load(ordering: .sequentiallyConsistent),
                    ordering: .sequentiallyConsistent
                )
            }
            return x * 2
        }
        var results: [Int] = []
        for try await value in doubled { results.append(value) }
        #expect(results == (0..<20).map { $0 * 2 })
        // The first, and `width` results that wait behind it.
        #expect(startedWhileTheFirstRan.load(ordering: .sequentiallyConsistent) == 1 + width)
    }

    @Test(.timeLimit(.minutes(1)))
    func unorderedHandsOutEachResultWhenReady() async throws {
        let log = AsyncEventLog()
        let results = asyncNumbers(0..<3).mapUnordered(maxConcurrency: 3) { x in
            // 0 finishes only after 1 and 2 have been handed out.
            if x == 0 {
                await log.waitFor("got 1")
                await log.waitFor("got 2")
            }
            return x
        }
        var seen: [Int] = []
        for try await value in results {
            seen.append(value)
            log.record("got \(value)")
        }
        #expect(Set(seen.prefix(2)) == [1, 2])
        #expect(seen.last == 0)
    }

    @Test func theFirstErrorInOrderEndsTheSequenceAfterTheResultsBeforeIt() async throws {
        let results = asyncNumbers(0..<10).map(maxConcurrency: 4) { x in
            if x == 3 { throw TestError("3") }
            return x
        }
        var seen: [Int] = []
        await #expect(throws: TestError("3")) {
            for try await value in results { seen.append(value) }
        }
        #expect(seen == [0, 1, 2])
    }

    @Test func anErrorFromTheSourceEndsTheSequence() async throws {
        let source = AsyncGenerator<Int> { g in
            try await g.yield(1)
            throw TestError("source")
        }
        var seen: [Int] = []
        await #expect(throws: TestError("source")) {
            for try await value in source.map(maxConcurrency: 2, { $0 }) { seen.append(value) }
        }
        #expect(seen == [1])
    }

    @Test func anErrorFromTheSourceComesAfterTheResultsBeforeIt() async throws {
        let source = AsyncGenerator<Int> { g in
            for value in 1...3 { try await g.yield(value) }
            throw TestError("source")
        }
        var seen: [Int] = []
        await #expect(throws: TestError("source")) {
            let slowFirst = source.map(maxConcurrency: 4) { value in
                if value == 1 { try await Task.sleep(for: .milliseconds(50)) }
                return value * 10
            }
            for try await value in slowFirst { seen.append(value) }
        }
        #expect(seen == [10, 20, 30])
    }

    @Test(.timeLimit(.minutes(1)))
    func aResultDoesNotWaitForTheNextElement() async throws {
        for ordered in [true, false] {
            // The source yields once, then goes quiet until it is cancelled.
            let source = AsyncGenerator<Int> { g in
                try await g.yield(7)
                try await Task.sleep(for: .seconds(3600))
            }
            let doubled =
                ordered
                ? source.map(maxConcurrency: 2) { $0 * 2 } : source.mapUnordered(maxConcurrency: 2) { $0 * 2 }
            let results = doubled.makeAsyncIterator()
            #expect(try await results.next() == 14)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func stoppingEarlyCancelsTheTransformsStillRunning() async throws {
        let log = AsyncEventLog()
        do {
            let results = asyncNumbers(0..<100).map(maxConcurrency: 4) { x in
                if x == 0 { return x }
                try await sleepUntilCancelled("\(x)", log: log)
                return x
            }
            let iterator = results.makeAsyncIterator()
            #expect(try await iterator.next() == 0)
            await log.waitFor("3 started")
        }
        // The dropped iterator closes its producer, which cancels the group.
        for x in 1...3 { await log.waitFor("\(x) saw CancellationError") }
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheConsumerCancelsTheTransforms() async throws {
        let log = AsyncEventLog()
        let results = asyncNumbers(0..<10).map(maxConcurrency: 2) { x in
            try await sleepUntilCancelled("\(x)", log: log)
            return x
        }
        let consumer = consumingTask(results)
        await log.waitFor("1 started")
        consumer.cancel()
        #expect(await consumer.value == "CancellationError")
        await log.waitFor("0 saw CancellationError")
        await log.waitFor("1 saw CancellationError")
    }

    /// The iterator reads ahead of a consumer that does not ask, but within
    /// its bound: fewer than `width` transforms running, results waiting for
    /// an earlier one and results waiting for the consumer at each read, so
    /// at most 3 × width - 1 elements read and not handed out.
    @Test(.timeLimit(.minutes(3)))
    func aSlowConsumerHoldsBackTheReadsWithinTheBound() async throws {
        let width = 3
        let started = Atomic<Int>(0)
        let doubled = asyncNumbers(0..<1_000).map(maxConcurrency: width) { x in
            started.add(1, ordering: .sequentiallyConsistent)
            return x * 2
        }
        let iterator = doubled.makeAsyncIterator()
        #expect(try await iterator.next() == 0)
        // The transforms end at once, so the reads stop only once `width`
        // results wait for the consumer: at least `width` more start. (No
        // deadline: the time limit ends the test if they never do.)
        while started.load(ordering: .sequentiallyConsistent) < 1 + width {
            try await Task.sleep(for: .milliseconds(1))
        }
        // Then time for any read too many.
        try await Task.sleep(for: .milliseconds(200))
        #expect(started.load(ordering: .sequentiallyConsistent) - 1 <= 3 * width - 1)
        for expected in 1..<1_000 { #expect(try await iterator.next() == expected * 2) }
        #expect(try await iterator.next() == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func aSecondNextWhileOneWaitsThrowsAlreadyExecuting() async throws {
        let log = AsyncEventLog()
        let results = asyncNumbers(0..<1).map(maxConcurrency: 2) { x in
            log.record("started")
            await log.waitFor("go")
            return x
        }
        let iterator = results.makeAsyncIterator()
        let first = Task { try await iterator.next() }
        // The first next() started the transform, and waits for it.
        await log.waitFor("started")
        do {
            _ = try await iterator.next()
            Issue.record("a second next() returned")
        } catch GeneratorError.alreadyExecuting(.next, isAsync: true) {
        } catch {
            Issue.record("unexpected \(error)")
        }
        log.record("go")
        #expect(try await first.value == 0)
        #expect(try await iterator.next() == nil)
    }

    @Test func aConsumerCancelledBeforeItAsksRunsNoTransform() async throws {
        let ran = Atomic<Int>(0)
        let results = asyncNumbers(0..<10).map(maxConcurrency: 2) { x in
            ran.add(1, ordering: .sequentiallyConsistent)
            return x
        }
        let consumer = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            let iterator = results.makeAsyncIterator()
            var outcomes: [String] = []
            for _ in 0..<2 {
                do {
                    outcomes.append("\(try await iterator.next() as Any)")
                } catch {
                    outcomes.append("\(type(of: error))")
                }
            }
            return outcomes
        }
        // Cancellation is sticky: CancellationError, then the end.
        #expect(await consumer.value == ["CancellationError", "nil"])
        #expect(ran.load(ordering: .sequentiallyConsistent) == 0)
    }

    @Test func theTransformsPreferTheConsumersTaskExecutor() async throws {
        let executor = SingleThreadTaskExecutor()
        let onIt = Atomic<Int>(0)
        let results = asyncNumbers(0..<50).map(maxConcurrency: 4) { x in
            await Task.yield()
            let preferred = withUnsafeCurrentTask { $0?.unownedTaskExecutor }
            if preferred == executor.asUnownedTaskExecutor() { onIt.add(1, ordering: .sequentiallyConsistent) }
            return x
        }
        let values = try await withTaskExecutorPreference(executor) {
            var values: [Int] = []
            for try await value in results { values.append(value) }
            return values
        }
        #expect(values == Array(0..<50))
        #expect(onIt.load(ordering: .sequentiallyConsistent) == 50)
    }

    @Test func aWidthBelowOneIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            _ = asyncNumbers(0..<1).map(maxConcurrency: 0) { $0 }
        }
    }
}
