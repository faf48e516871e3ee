import Foundation
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct WithAsyncGeneratorTests {
    @Test func theBodyRunsOnlyWhenAskedAndTheValuesArriveInOrder() async throws {
        let log = AsyncEventLog()
        let values = try await withAsyncGenerator(of: Int.self) { g in
            log.record("started")
            for i in 0..<5 { try await g.yield(i) }
        } consume: { numbers in
            #expect(log.events.isEmpty)
            var values: [Int] = []
            for try await n in numbers { values.append(n) }
            return values
        }
        #expect(values == [0, 1, 2, 3, 4])
        #expect(log.events == ["started"])
    }

    @Test func aGeneratorLeftSuspendedIsClosedBeforeTheScopeReturns() async throws {
        let log = AsyncEventLog()
        let first = try await withAsyncGenerator(of: Int.self) { g in
            try await tryFinally {
                for i in 0..<100 { try await g.yield(i) }
            } finally: {
                await Task.yield()  // a cleanup that awaits
                log.record("cleanup")
            }
        } consume: { numbers in
            try await numbers.next()
        }
        #expect(first == 0)
        #expect(log.events == ["cleanup"])
    }

    @Test func anErrorFromConsumeClosesTheGeneratorAndIsRethrown() async throws {
        let log = AsyncEventLog()
        await #expect(throws: TestError("consumer")) {
            try await withAsyncGenerator(of: Int.self) { g in
                defer { log.record("cleanup") }
                try await g.yield(1)
            } consume: { numbers in
                _ = try await numbers.next()
                throw TestError("consumer")
            }
        }
        #expect(log.events == ["cleanup"])
    }

    @Test func aBodyNeverAskedForNeverRuns() async throws {
        let log = AsyncEventLog()
        let answer = try await withAsyncGenerator(of: Int.self) { g in
            log.record("started")
            try await g.yield(1)
        } consume: { _ in
            42
        }
        #expect(answer == 42)
        #expect(log.events.isEmpty)
    }

    @Test func cancellingTheCallersTaskCancelsTheBody() async throws {
        let log = AsyncEventLog()
        let consumer = Task {
            try await withAsyncGenerator(of: Int.self, yieldsOneThenWaits(log)) { numbers in
                #expect(try await numbers.next() == 1)
                return try await numbers.next()
            }
        }
        await expectCancellingTheConsumerEndsTheWait(consumer, log: log)
    }

    @Test func aBodyThatIgnoresTheCloseIsClosedAgainUntilItEnds() async throws {
        ErrorCollector.install()
        let name = "ignores-once-\(UUID())"
        let log = AsyncEventLog()
        try await withAsyncGenerator(of: Int.self, name: name) { g in
            do {
                try await g.yield(1)
            } catch is GeneratorExit {
                log.record("first close")
                try await g.yield(2)  // ignores it
            }
        } consume: { numbers in
            _ = try await numbers.next()
        }
        #expect(log.events == ["first close"])
        let reported = await ErrorCollector.reportedDescriptions(named: name)
        #expect(reported.count == 1)
    }

    @Test func theProducerTakesTheCallersExecutorPreference() async throws {
        let executor = SingleThreadTaskExecutor()
        let seen = try await withTaskExecutorPreference(executor) {
            try await withAsyncGenerator(of: Bool.self) { g in
                let preferred = withUnsafeCurrentTask { $0?.unownedTaskExecutor }
                try await g.yield(preferred == executor.asUnownedTaskExecutor())
            } consume: { flags in
                try await flags.next()
            }
        }
        #expect(seen == true)
    }
}
