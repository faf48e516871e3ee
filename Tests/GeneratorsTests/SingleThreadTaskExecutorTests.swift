import Foundation
import Generators
import Testing
import _GeneratorsTestSupport

/// The thread the caller runs on.
private func currentThread() -> UInt {
    UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(bitPattern: UInt(pthread_self()))))
}

/// The current task's executor preference.
private func preferredExecutor() -> UnownedTaskExecutor? {
    withUnsafeCurrentTask { $0?.unownedTaskExecutor }
}

/// Where a body ran: its thread and its task's executor preference.
private final class Sightings: @unchecked Sendable {
    // Safety: every access holds `lock`.
    private let lock = NSLock()
    private var seen: [(thread: UInt, executor: UnownedTaskExecutor?)] = []

    func record() {
        let sighting = (currentThread(), preferredExecutor())
        lock.withLock { seen.append(sighting) }
    }

    var all: [(thread: UInt, executor: UnownedTaskExecutor?)] { lock.withLock { seen } }
}

@Suite struct SingleThreadTaskExecutorTests {
    @Test func everyTaskThatPrefersItRunsOnItsOneThread() async {
        let executor = SingleThreadTaskExecutor()
        let threads = await withTaskGroup(of: UInt.self) { group in
            for _ in 0..<50 {
                group.addTask(executorPreference: executor) {
                    await Task.yield()
                    return currentThread()
                }
            }
            return await Set(group.reduce(into: []) { $0.append($1) })
        }
        #expect(threads.count == 1)
    }

    @Test(arguments: [false, true])
    func theProducerOfAGeneratorPrefersItsConsumersExecutor(runsAhead: Bool) async throws {
        let executor = SingleThreadTaskExecutor()
        let sightings = Sightings()
        let body: @Sendable (AsyncGenerator<Int>.Yielder) async throws -> Void = { g in
            for i in 0..<5 {
                sightings.record()
                try await g.yield(i)
            }
        }
        let numbers = runsAhead ? AsyncGenerator(runAhead: 2, body) : AsyncGenerator(body)
        let consumer = await withTaskExecutorPreference(executor) {
            var values: [Int] = []
            do {
                for try await n in numbers { values.append(n) }
            } catch {
                Issue.record("unexpected \(error)")
            }
            return (values, currentThread())
        }
        #expect(consumer.0 == [0, 1, 2, 3, 4])
        #expect(sightings.all.count == 5)
        for sighting in sightings.all {
            #expect(sighting.executor == executor.asUnownedTaskExecutor())
            #expect(sighting.thread == consumer.1)
        }
    }

    @Test func withoutAPreferenceTheProducerHasNone() async throws {
        let sightings = Sightings()
        let numbers = AsyncGenerator<Int> { g in
            sightings.record()
            try await g.yield(1)
        }
        #expect(try await numbers.next() == 1)
        #expect(sightings.all.count == 1 && sightings.all[0].executor == nil)
        try await numbers.close()
    }

    @Test func cancellingAConsumerOnItCancelsTheBody() async throws {
        let executor = SingleThreadTaskExecutor()
        let log = AsyncEventLog()
        let numbers = AsyncGenerator<Int>(yieldsOneThenWaits(log))
        let consumer = Task(executorPreference: executor) {
            #expect(try await numbers.next() == 1)
            return try await numbers.next()
        }
        await expectCancellingTheConsumerEndsTheWait(consumer, log: log)
    }

    @Test func itsThreadEndsOnceItIsReleasedAndItsTasksHaveEnded() async throws {
        weak var thread: _JobThread?
        do {
            let executor = SingleThreadTaskExecutor()
            thread = executor.thread
            let numbers = AsyncGenerator<Int> { g in try await g.yield(7) }
            let seven = try await withTaskExecutorPreference(executor) { try await numbers.next() }
            #expect(seven == 7)
        }
        // The thread owns the last reference and drops it as it ends (bounded wait).
        let deadline = ContinuousClock.now + .seconds(60)
        while thread != nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(thread == nil)
    }
}
