import Generators
import Testing
import _GeneratorsTestSupport

@Suite(.timeLimit(.minutes(1))) struct WithAsyncGeneratorScopeTests {
    /// An endless generator whose cleanup awaits for a while, then records.
    func slowCleanup(_ log: AsyncEventLog, _ name: String) -> AsyncGenerator<Int> {
        AsyncGenerator<Int>(name: name) { g in
            try await tryFinally {
                for i in 0... { try await g.yield(i) }
            } finally: {
                try await Task.sleep(for: .milliseconds(20))
                log.record("\(name) cleaned up")
            }
        }
    }

    @Test func waitsForTheCleanupOfADroppedGenerator() async throws {
        let log = AsyncEventLog()
        try await withAsyncGeneratorScope {
            for try await n in slowCleanup(log, "dropped") where n == 2 { break }
            // Dropped while suspended: its close runs in the background.
        }
        #expect(log.events == ["dropped cleaned up"])
    }

    @Test func closesTheGeneratorsStillOpen() async throws {
        let log = AsyncEventLog()
        let kept = slowCleanup(log, "kept")
        let untouched = slowCleanup(log, "untouched")
        let first = try await withAsyncGeneratorScope { try await kept.next() }
        #expect(first == 0)
        #expect(kept.state == .closed)
        #expect(log.events == ["kept cleaned up"])
        // A generator that never started in the scope is not its business.
        #expect(untouched.state == .created)
    }

    @Test func closesAPipelineConsumerFirstThenItsSources() async throws {
        // Python's asyncio.run(main()) with a two-stage pipeline left open.
        let log = AsyncEventLog()
        let source = slowCleanup(log, "source")
        let doubled = AsyncGenerator<Int> { g in
            defer { log.record("stage cleaned up") }
            while let n = try await source.next() { try await g.yield(n * 2) }
        }
        let firstTwo = try await withAsyncGeneratorScope {
            [try await doubled.next(), try await doubled.next()]
        }
        #expect(firstTwo == [0, 2])
        #expect(log.events == ["stage cleaned up", "source cleaned up"])
        #expect(source.state == .closed && doubled.state == .closed)
    }

    @Test func closeErrorsGoToTheHandlerAndTheBodysResultComesBack() async throws {
        ErrorCollector.install()
        let failing = AsyncGenerator<Int>(name: "scope-close-fails") { g in
            do { try await g.yield(1) } catch is GeneratorExit { throw TestError("cleanup") }
        }
        let result = try await withAsyncGeneratorScope {
            try await failing.next()
        }
        #expect(result == 1)
        #expect(ErrorCollector.errors(named: "scope-close-fails").map { "\($0)" } == ["TestError(cleanup)"])
        #expect(failing.state == .closed)
    }

    @Test func aBodyErrorComesOutAfterTheCleanup() async {
        let log = AsyncEventLog()
        await #expect(throws: TestError("body")) {
            try await withAsyncGeneratorScope {
                let g = slowCleanup(log, "open")
                _ = try await g.next()
                throw TestError("body")
            }
        }
        #expect(log.events == ["open cleaned up"])
    }

    @Test func anAbandonedBodyDoesNotHoldTheScope() async throws {
        ErrorCollector.install()
        try await withAsyncGeneratorScope {
            var g: AsyncGenerator<Int>? = AsyncGenerator<Int>(name: "scope-abandoned") { g in
                do { try await g.yield(1) } catch { try await g.yield(2) }
            }
            let first = try await g?.next()
            g = nil
            #expect(first == 1)
        }
        #expect(ErrorCollector.errors(named: "scope-abandoned").count == 1)
    }
}
