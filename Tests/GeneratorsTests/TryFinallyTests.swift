import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct TryFinallyTests {
    @Test func aCleanupThatYields() {  // 1.11: try: yield 1 finally: yield 99
        let numbers = Generator<Int> { g in
            try tryFinally {
                try g.yield(1)
            } finally: {
                try g.yield(99)
            }
        }
        #expect(Array(numbers) == [1, 99])
    }

    @Test func closingAtTheCleanupsYieldCloses() throws {
        // for x in items: try: yield x finally: yield '-'
        let log = EventLog()
        let g = Generator<String> { g in
            defer { log.record("end") }
            for item in ["a", "b", "c"] {
                try tryFinally {
                    try g.yield(item)
                } finally: {
                    try g.yield("-")
                }
            }
        }
        #expect(g.next() == "a")
        #expect(g.next() == "-")
        try g.close()
        #expect(g.state == .closed)
        #expect(log.events == ["end"])
    }

    @Test func theTryQuestionMarkDeferPatternSwallowsTheCloseSignal() throws {
        // What the helper replaces: the close signal thrown at the deferred
        // yield is swallowed, the loop goes on, and close() reports an
        // ignored close with the body still running.
        let log = EventLog()
        let g = Generator<String> { g in
            for item in ["a", "b", "c"] {
                defer { _ = try? g.yield("-") }
                try g.yield(item)
                log.record("after \(item)")
            }
        }
        #expect(g.next() == "a")
        #expect(g.next() == "-")
        #expect(throws: GeneratorError.ignoredClose(.close)) { try g.close() }
        #expect(g.state == .suspended)
    }

    @Test func aCleanupYieldDuringCloseIsAnIgnoredCloseAsInPython() throws {
        // try: yield 1 finally: yield 2 → close() raises RuntimeError and
        // the generator stays suspended; a second close() ends it.
        let g = Generator<Int> { g in
            try tryFinally {
                try g.yield(1)
            } finally: {
                try g.yield(2)
            }
        }
        #expect(g.next() == 1)
        #expect(throws: GeneratorError.ignoredClose(.close)) { try g.close() }
        #expect(g.state == .suspended)
        try g.close()
        #expect(g.state == .closed)
    }

    @Test func aCleanupErrorReplacesTheBodysError() {
        #expect(throws: TestError("cleanup")) {
            try tryFinally {
                throw TestError("body")
            } finally: {
                throw TestError("cleanup")
            }
        }
        #expect(throws: TestError("body")) {
            try tryFinally {
                throw TestError("body")
            } finally: {
            }
        }
        let log = EventLog()
        #expect(throws: Never.self) {
            let value = try tryFinally {
                7
            } finally: {
                log.record("cleanup")
            }
            #expect(value == 7)
        }
        #expect(log.events == ["cleanup"])
    }

    @Test func anAsyncCleanupThatAwaitsRunsOnClose() async throws {
        let log = AsyncEventLog()
        let g = AsyncGenerator<Int> { g in
            try await tryFinally {
                for i in 0... { try await g.yield(i) }
            } finally: {
                await Task.yield()
                log.record("cleanup awaited")
            }
        }
        #expect(try await g.next() == 0)
        try await g.close()
        #expect(log.events == ["cleanup awaited"])
        #expect(g.state == .closed)
    }

    @Test func anAsyncCleanupThatYields() async throws {
        let g = AsyncGenerator<Int> { g in
            try await tryFinally {
                try await g.yield(1)
            } finally: {
                try await g.yield(99)
            }
        }
        var values: [Int] = []
        for try await value in g { values.append(value) }
        #expect(values == [1, 99])
    }
}
