import Generators
import Testing
import _GeneratorsTestSupport

/// Spec sections 1 (core protocol), 2 (send / throw / close), 3
/// (finalization) and 6 (re-entrancy and state), one test per row.
@Suite struct CoroutineTests {
    // MARK: - 1. Core protocol

    @Test func creationRunsNoBody() {  // 1.1
        let log = EventLog()
        let g = Generator<Int> { g in
            log.record("body")
            try g.yield(1)
        }
        #expect(log.events.isEmpty)
        #expect(g.state == .created)
        _ = g.next()
        #expect(log.events == ["body"])
    }

    @Test func nextResumesAfterTheYieldKeepingLocals() {  // 1.2
        let log = EventLog()
        let g = Generator<Int> { g in
            var total = 0
            for i in 1...3 {
                total += i
                log.record("before \(i)")
                try g.yield(total)
                log.record("after \(i)")
            }
        }
        #expect(g.next() == 1)
        #expect(log.take() == ["before 1"])
        #expect(g.next() == 3)
        #expect(log.take() == ["after 1", "before 2"])
        #expect(g.next() == 6)
        #expect(g.next() == nil)
        #expect(log.take() == ["after 2", "before 3", "after 3"])
    }

    @Test func bareYieldYieldsVoid() {  // 1.3
        var count = 0
        let g = Generator<Void> { g in
            try g.yield()
            try g.yield()
        }
        while g.next() != nil { count += 1 }
        #expect(count == 2)
    }

    @Test func completionEndsWithNil() {  // 1.4
        let g = Coroutine<Int, Void, String, Never> { g in
            try g.yield(1)
            return "done"
        }
        #expect(g.next() == 1)
        #expect(g.next() == nil)
        #expect(g.state == .closed)
    }

    @Test func returnValueIsReportedOnce() throws {  // 1.5
        let g = Coroutine<Int, Int, String, Never> { g in
            try g.yield(1)
            return "result"
        }
        #expect(g.next() == 1)
        #expect(try g.send(7) == .returned("result"))
        #expect(try g.send(8) == .exhausted)
        #expect(try g.send(9) == .exhausted)
        #expect(g.returnValue == "result")
    }

    @Test func exhaustedStaysExhausted() throws {  // 1.6
        let g = Generator<Int> { g in try g.yield(1) }
        #expect(Array(g) == [1])
        for _ in 0..<5 { #expect(g.next() == nil) }
        #expect(try g.send(()).isExhausted)
    }

    @Test func errorPropagatesOnceThenTheGeneratorIsClosed() throws {  // 1.7
        let log = EventLog()
        let g = ThrowingGenerator<Int> { g in
            defer { log.record("cleanup") }
            try g.yield(1)
            throw TestError("boom")
        }
        #expect(try g.next() == 1)
        #expect(throws: TestError("boom")) { try g.next() }
        #expect(log.events == ["cleanup"])
        #expect(g.state == .closed)
        #expect(try g.next() == nil)
        #expect(try g.next() == nil)
    }

    @Test func iteratingAdvancesTheGeneratorItself() {  // 1.8
        let g = Generator<Int> { g in for i in 0..<4 { try g.yield(i) } }
        var iterator = g.makeIterator()
        #expect(iterator.generator === g)
        #expect(iterator.next() == 0)
        #expect(Array(g) == [1, 2, 3])
        #expect(Array(g) == [])
    }

    @Test func iteratorCopiesShareOneGenerator() {  // 1.8: copying does not fork the state
        let g = Generator<Int> { g in for i in 0..<6 { try g.yield(i) } }
        var first = g.makeIterator()
        #expect(first.next() == 0)
        var second = first
        #expect(second.next() == 1)
        #expect(first.next() == 2)
        #expect(g.next() == 3)
        #expect(first.next() == 4)
        #expect(second.next() == 5)
        #expect(first.next() == nil)
        #expect(second.next() == nil)
    }

    @Test func iteratorFollowsSendAndThrowInBetween() throws {
        struct Skip: Error {}
        let g = Coroutine<Int, Int, Void, Never> { g in
            var n = 0
            while true {
                do {
                    if let jump = try g.yield(n) { n = jump } else { n += 1 }
                } catch is Skip {
                    n += 100
                }
            }
        }
        var values = g.makeIterator()
        #expect(values.next() == 0)
        #expect(values.next() == 1)
        #expect(try g.send(10).yielded == 10)
        #expect(values.next() == 11)
        #expect(try g.resume(throwing: Skip()).yielded == 111)
        #expect(values.next() == 112)
        try g.close()
        #expect(values.next() == nil)
    }

    @Test func valuesGoToTheMostRecentCaller() {  // 1.9
        let g = Generator<Int> { g in for i in 0..<4 { try g.yield(i) } }
        func first(_ g: Generator<Int>) -> Int? { g.next() }
        func second(_ g: Generator<Int>) -> Int? { g.next() }
        #expect(first(g) == 0)
        #expect(second(g) == 1)
        #expect(first(g) == 2)
    }

    @Test func returnIsNotCaught() {  // 1.10
        let log = EventLog()
        let g = Coroutine<Int, Void, Int, Never> { g in
            do {
                try g.yield(1)
                return 5
            } catch {
                log.record("caught")
                return -1
            }
        }
        #expect(g.next() == 1)
        #expect(g.next() == nil)
        #expect(g.returnValue == 5)
        #expect(log.events.isEmpty)
    }

    @Test func yieldInsideDoCatchAndAfterIt() {  // 1.11
        // Python's `try: return / finally: yield 1` becomes: do the work,
        // then yield after the do/catch (a Swift `defer` cannot yield).
        let g = Generator<Int> { g in
            do {
                try g.yield(1)
                throw TestError("inner")
            } catch let error as TestError {
                try g.yield(error.label.count)
            }
            try g.yield(3)
        }
        #expect(Array(g) == [1, 5, 3])
    }

    @Test func referencesShareOneGenerator() {  // 1.12
        let g = Generator<Int> { g in for i in 0..<3 { try g.yield(i) } }
        let alias = g
        #expect(g.next() == 0)
        #expect(alias.next() == 1)
        weak let weakReference = g
        #expect(weakReference?.next() == 2)
    }

    @Test func nameIsForDiagnostics() {  // 1.13
        let g = Generator<Int>(name: "numbers") { g in try g.yield(1) }
        #expect(g.name == "numbers")
        g.name = "renamed"
        #expect(g.name == "renamed")
    }

    // MARK: - 2. send / throw / close

    @Test func yieldEvaluatesToTheSentValue() throws {  // 2.1
        let log = EventLog()
        let g = Coroutine<Int, String, Void, Never> { g in
            let first = try g.yield(1)
            log.record(first ?? "nil")
            let second = try g.yield(2)
            log.record(second ?? "nil")
        }
        #expect(g.next() == 1)
        #expect(try g.send("hello").yielded == 2)
        #expect(g.next() == nil)
        #expect(log.events == ["hello", "nil"])
    }

    @Test func sendReturnsTheNextYieldOrTheReturn() throws {  // 2.2
        let g = Coroutine<Int, Int, Int, Never> { g in
            var sum = 0
            while let n = try g.yield(sum) { sum += n }
            return sum
        }
        #expect(g.next() == 0)
        #expect(try g.send(5) == .yielded(5))
        #expect(try g.send(6) == .yielded(11))
        #expect(g.next() == nil)
        #expect(g.returnValue == 11)
    }

    @Test func sendToUnstartedIsATypedErrorAndTheGeneratorStaysUsable() throws {  // 2.3
        let g = Coroutine<Int, Int, Void, Never> { g in
            let n = try g.yield(1) ?? 0
            try g.yield(n * 10)
        }
        #expect(throws: GeneratorError.sendToUnstarted) { try g.send(3) }
        #expect(g.state == .created)
        #expect(g.next() == 1)
        #expect(try g.send(3).yielded == 30)
    }

    @Test func sendNilPrimesAGeneratorAsPythonsSendNone() throws {  // 2.3
        // def averager(): total = count = 0; while True: term = yield avg ...
        let averager = Coroutine<Double, Double, Void, Never> { g in
            var total = 0.0
            var count = 0.0
            while let term = try g.yield(count == 0 ? 0 : total / count) {
                total += term
                count += 1
            }
        }
        #expect(try averager.send(nil).yielded == 0)
        #expect(try averager.send(10).yielded == 10)
        // Later, send(nil) is next(): the paused yield returns nil.
        #expect(try averager.send(nil).isFinished)
        // The end is reported as a step, once.
        let short = Coroutine<Int, Int, String, Never> { _ in "done" }
        #expect(try short.send(nil) == .returned("done"))
        #expect(try short.send(nil) == .exhausted)
    }

    @Test func sendOfVoidStartsAGeneratorWhoseSentIsVoid() throws {  // 2.3
        let g = Generator<Int> { g in
            try g.yield(1)
            try g.yield(2)
        }
        #expect(try g.send(()).yielded == 1)
        #expect(try g.send(()).yielded == 2)
        #expect(try g.send(()).isFinished)
    }

    @Test func aStepTakesApart() throws {
        let g = Coroutine<Int, Void, String, Never> { g in
            try g.yield(1)
            return "end"
        }
        let first = try g.send(nil)
        #expect(first.yielded == 1 && first.returned == nil && !first.isFinished)
        let second = try g.send(nil)
        #expect(second.yielded == nil && second.returned == "end" && second.isFinished)
        let third = try g.send(nil)
        #expect(third.yielded == nil && third.returned == nil && third.isFinished)
    }

    @Test func sentValuesArriveInOrder() throws {  // 2.4
        let g = Coroutine<String, Int, [Int], Never> { g in
            let pair = [try g.yield("a") ?? -1, try g.yield("b") ?? -1]
            return pair
        }
        #expect(g.next() == "a")
        #expect(try g.send(1) == .yielded("b"))
        #expect(try g.send(2) == .returned([1, 2]))
    }

    @Test func resumeThrowingRaisesAtTheYield() throws {  // 2.5
        let log = EventLog()
        let g = Coroutine<Int, Void, String, any Error> { g in
            defer { log.record("cleanup") }
            do {
                try g.yield(1)
            } catch let error as TestError {
                log.record("caught \(error.label)")
                try g.yield(2)
            }
            do {
                try g.yield(3)
            } catch {
                return "returned after \(error)"
            }
            try g.yield(4)
            return "unreachable"
        }
        #expect(try g.next() == 1)
        #expect(try g.resume(throwing: TestError("x")) == .yielded(2))
        #expect(try g.next() == 3)
        #expect(try g.resume(throwing: TestError("y")) == .returned("returned after TestError(y)"))
        #expect(log.events == ["caught x", "cleanup"])

        let uncaught = ThrowingGenerator<Int> { g in
            defer { log.record("uncaught cleanup") }
            try g.yield(1)
        }
        #expect(try uncaught.next() == 1)
        #expect(throws: TestError("z")) { try uncaught.resume(throwing: TestError("z")) }
        #expect(uncaught.state == .closed)
        #expect(log.events.last == "uncaught cleanup")
    }

    @Test func resumeThrowingBeforeTheStartRunsNothing() {  // 2.6
        let log = EventLog()
        let g = Generator<Int> { g in
            defer { log.record("cleanup") }
            log.record("body")
            try g.yield(1)
        }
        #expect(throws: TestError("early")) { try g.resume(throwing: TestError("early")) }
        #expect(log.events.isEmpty)
        #expect(g.state == .closed)
        #expect(g.next() == nil)
    }

    @Test func resumeThrowingAfterTheEndRethrows() {  // 2.7
        let g = Generator<Int> { g in try g.yield(1) }
        #expect(Array(g) == [1])
        #expect(throws: TestError("late")) { try g.resume(throwing: TestError("late")) }
    }

    @Test func closeRaisesGeneratorExitAtTheYield() throws {  // 2.10
        let log = EventLog()
        let g = Generator<Int> { g in
            defer { log.record("defer") }
            do {
                try g.yield(1)
            } catch let signal as GeneratorExit {
                log.record("saw \(signal)")
                throw signal
            }
        }
        #expect(g.next() == 1)
        #expect(try g.close() == nil)
        #expect(log.events == ["saw GeneratorExit", "defer"])
        #expect(g.state == .closed)

        let failing = ThrowingGenerator<Int> { g in
            do { try g.yield(1) } catch is GeneratorExit { throw TestError("cleanup failed") }
        }
        #expect(try failing.next() == 1)
        #expect(throws: TestError("cleanup failed")) { try failing.close() }
        #expect(failing.state == .closed)
    }

    @Test func closeBeforeStartRunsNothing() throws {  // 2.11
        let log = EventLog()
        let g = Generator<Int> { g in
            defer { log.record("cleanup") }
            try g.yield(1)
        }
        try g.close()
        #expect(log.events.isEmpty)
        #expect(g.state == .closed)
        #expect(g.next() == nil)
        try g.close()
        try g.close()
    }

    @Test func closeOnAFinishedGeneratorDoesNothing() throws {  // 2.11
        let g = Generator<Int> { g in try g.yield(1) }
        #expect(Array(g) == [1])
        #expect(try g.close() == nil)
        #expect(try g.close() == nil)
    }

    @Test func closeReturnsWhatTheBodyReturned() throws {  // 2.12
        let g = Coroutine<Int, Void, String, Never> { g in
            do {
                try g.yield(1)
            } catch is GeneratorExit {
                return "cleaned up"
            }
            return "finished"
        }
        #expect(g.next() == 1)
        #expect(try g.close() == "cleaned up")
        #expect(g.returnValue == "cleaned up")
    }

    @Test func ignoredCloseLeavesTheGeneratorSuspended() throws {  // 2.13
        let log = EventLog()
        let g = Generator<Int> { g in
            do {
                try g.yield(1)
            } catch {
                log.record("ignoring \(error)")
                try g.yield(2)
            }
            log.record("resumed")
            try g.yield(3)
        }
        #expect(g.next() == 1)
        #expect(throws: GeneratorError.ignoredClose(.close)) { try g.close() }
        #expect(g.state == .suspended)
        #expect(g.next() == 3)
        #expect(log.events == ["ignoring GeneratorExit", "resumed"])
        try g.close()
        #expect(g.state == .closed)
    }

    @Test func aCatchAllBodyCannotSilentlyEatTheCloseSignal() {  // 2.14
        let log = EventLog()
        ErrorCollector.install()
        var g: Generator<Int>? = Generator<Int>(name: "catch-all") { g in
            defer { log.record("cleanup") }
            for i in 0..<100 {
                do {
                    try g.yield(i)
                } catch {
                    log.record("swallowed \(error)")
                }
            }
        }
        #expect(g?.next() == 0)
        // An explicit close is reported as ignored, and the generator stays
        // suspended where it yielded...
        #expect(throws: GeneratorError.ignoredClose(.close)) { try g?.close() }
        #expect(g?.next() == 2)
        // ...and dropping it reports the ignored close once and abandons the
        // body at its next yield, as CPython reports it and goes on (3.2):
        // the process is not stopped, and the cleanup never runs.
        let abandonedBefore = GeneratorRuntime.abandonedGenerators
        g = nil
        #expect(log.events == ["swallowed GeneratorExit", "swallowed GeneratorExit"])
        let reported = ErrorCollector.errors(named: "catch-all")
        #expect(reported.count == 1)
        #expect(reported.first as? GeneratorError == .ignoredClose(.finalization))
        #expect(GeneratorRuntime.abandonedGenerators > abandonedBefore)
    }

    @Test func aBodyThatNeverEndsWhenFinalizedIsAbandonedNotFatal() {  // 3.2
        ErrorCollector.install()
        // Not a `LifetimeTracked`: other tests count those, and this one
        // stays alive for good. (Nor a weak reference: the object outlives
        // the test, and LeakSanitizer cannot see its weak-reference table.)
        final class Held {
            let log: EventLog
            let value = 1
            init(_ log: EventLog) { self.log = log }
            deinit { log.record("released") }
        }
        let log = EventLog()
        var g: Generator<Int>? = Generator<Int>(name: "never-ends") { g in
            // Made and owned by this frame (one the closure captured would
            // be the closure's, released with the generator).
            let mine = Held(log)
            // Keeps `mine` alive in this frame (an optimized build may
            // otherwise release it after its last use).
            withExtendedLifetime(mine) {
                while true {
                    do { try g.yield(mine.value) } catch {}
                }
            }
        }
        #expect(g?.next() == 1)
        g = nil
        // The next statement runs: the handler heard of it once.
        let reported = ErrorCollector.errors(named: "never-ends")
        #expect(reported.map { "\($0)" } == ["\(GeneratorError.ignoredClose(.finalization))"])
        // The abandoned frames are never unwound: what they hold stays.
        #expect(log.events.isEmpty)
    }

    /// Dropped last by a thread that never synchronised with the generator's
    /// last user: the reference count orders the two, which ThreadSanitizer
    /// cannot see. Swift leaves a `deinit`'s own accesses unchecked for that
    /// reason, but the body's cleanup runs on the body's fiber, so the
    /// finalizer gives the fiber the edge. Without it, ThreadSanitizer (whose
    /// CI run halts at a report) reported the cleanup's read of `written` as
    /// racing with the test's write.
    @Test func droppedLastOnAnotherThreadIsFinalizedThere() {  // 3.1
        let witness = CleanupWitness()
        var mine: Generator<Int>? = Generator<Int> { g in
            defer { witness.cleanupRuns() }
            while true { try g.yield(1) }
        }
        #expect(mine?.next() == 1)
        witness.write(5, thenDropLast: &mine)
        #expect(witness.seen == 5)
        #expect(witness.cleanups == 1)
        #expect(witness.ranOnDropper)
    }

    @Test func throwingGeneratorExitIsNotClose() throws {  // 2.15
        let g = Generator<Int> { g in
            do {
                try g.yield(1)
            } catch is GeneratorExit {
                try g.yield(2)
            }
        }
        #expect(g.next() == 1)
        #expect(try g.resume(throwing: GeneratorExit()).yielded == 2)
    }

    /// A body may end with a `GeneratorExit` of its own making rather than
    /// the close signal it was sent: while being closed that is still the
    /// expected end; while running it reaches the consumer as any error.
    @Test func aGeneratorExitOfTheBodysOwnEndsACloseQuietly() throws {  // 2.10
        let g = Generator<Int> { g in
            do { try g.yield(1) } catch is GeneratorExit { throw GeneratorExit() }
        }
        #expect(g.next() == 1)
        #expect(try g.close() == nil)
        #expect(g.state == .closed)
    }

    @Test func aGeneratorExitThrownWhileRunningReachesTheConsumer() throws {  // 2.15
        let g = ThrowingGenerator<Int> { g in
            try g.yield(1)
            throw GeneratorExit()
        }
        #expect(try g.next() == 1)
        #expect(throws: GeneratorExit.self) { try g.next() }
        #expect(g.state == .closed)
    }

    // MARK: - 3. Finalization

    @Test func droppingASuspendedGeneratorClosesIt() {  // 3.1
        let log = EventLog()
        var g: Generator<Int>? = Generator<Int> { g in
            defer { log.record("cleanup") }
            try g.yield(1)
            try g.yield(2)
        }
        #expect(g?.next() == 1)
        g = nil
        #expect(log.events == ["cleanup"])
    }

    @Test func anErrorDuringFinalizationGoesToTheHandler() throws {  // 3.2
        ErrorCollector.install()
        var g: ThrowingGenerator<Int>? = ThrowingGenerator<Int>(name: "failing") { g in
            do { try g.yield(1) } catch is GeneratorExit { throw TestError("in cleanup") }
        }
        #expect(try g?.next() == 1)
        g = nil
        #expect(ErrorCollector.errors(named: "failing").map { "\($0)" } == ["TestError(in cleanup)"])
    }

    @Test func aGeneratorExitOfTheBodysOwnIsNotReportedWhenFinalized() {  // 3.2
        ErrorCollector.install()
        var g: Generator<Int>? = Generator<Int>(name: "own-exit") { g in
            do { try g.yield(1) } catch is GeneratorExit { throw GeneratorExit() }
        }
        #expect(g?.next() == 1)
        g = nil
        #expect(ErrorCollector.errors(named: "own-exit").isEmpty)
    }

    @Test func breakingOutOfALoopDoesNotClose() {  // 3.3
        let g = Generator<Int> { g in for i in 0..<5 { try g.yield(i) } }
        for n in g where n == 1 { break }
        #expect(g.state == .suspended)
        #expect(Array(g) == [2, 3, 4])
    }

    @Test func withClosingClosesAtTheEndOfTheScope() throws {  // 3.4
        let log = EventLog()
        let g = Generator<Int> { g in
            defer { log.record("cleanup") }
            for i in 0..<5 { try g.yield(i) }
        }
        let first = try withClosing(g) { g in g.next() }
        #expect(first == 0)
        #expect(log.events == ["cleanup"])
        #expect(g.state == .closed)

        let h = Generator<Int> { g in
            defer { log.record("cleanup h") }
            try g.yield(1)
        }
        #expect(throws: TestError("body")) {
            try withClosing(h) { h in
                _ = h.next()
                throw TestError("body")
            }
        }
        #expect(log.events.last == "cleanup h")
    }

    @Test func cleanupSeesTheCloseSignal() throws {  // 3.5
        let log = EventLog()
        let g = Generator<Int> { g in
            do {
                try g.yield(1)
            } catch {
                log.record("cleanup saw \(type(of: error))")
                throw error
            }
        }
        _ = g.next()
        try g.close()
        #expect(log.events == ["cleanup saw GeneratorExit"])
    }

    // MARK: - 5. StopIteration (PEP 479)

    @Test func anExhaustedInnerGeneratorCannotEndTheOuterOne() {  // 5.1, 5.3
        let inner = Generator<Int> { g in try g.yield(1) }
        let outer = Generator<String> { g in
            // Python: a StopIteration escaping here would become a
            // RuntimeError. In Swift the end is `nil`, never an error.
            while true {
                guard let value = inner.next() else { break }
                try g.yield("got \(value)")
            }
            try g.yield("inner ended; outer goes on")
        }
        #expect(Array(outer) == ["got 1", "inner ended; outer goes on"])
    }

    // MARK: - 6. Re-entrancy and state

    @Test func resumingARunningGeneratorIsATypedError() throws {  // 6.1
        let box = Box<Coroutine<Int, Int, Void, any Error>>()
        let log = EventLog()
        let g = Coroutine<Int, Int, Void, any Error> { g in
            do {
                _ = try box.value?.send(1)
            } catch {
                log.record("\(error)")
            }
            #expect(throws: GeneratorError.alreadyExecuting(.close)) { try box.value?.close() }
            try g.yield(1)
        }
        box.value = g
        #expect(try g.next() == 1)
        #expect(
            log.events == [
                "send(_:): generator already executing (it is running: resumed from inside its own body, or through a cycle of yield(from:))"
            ]
        )
        box.value = nil
    }

    @Test func generatorsFromTheSameBodyAreIndependent() {  // 6.2
        func countdown(_ n: Int) -> Generator<Int> {
            Generator { g in
                for i in stride(from: n, to: 0, by: -1) {
                    try g.yield(i)
                    for inner in countdown(i - 1) { try g.yield(inner * 100) }
                }
            }
        }
        #expect(Array(countdown(2)) == [2, 100, 1])
    }

    @Test func stateFollowsEveryEnding() throws {  // 6.3
        let normal = Generator<Int> { g in try g.yield(1) }
        #expect(normal.state == .created)
        _ = normal.next()
        #expect(normal.state == .suspended)
        _ = normal.next()
        #expect(normal.state == .closed)

        let failing = ThrowingGenerator<Int> { _ in throw TestError("x") }
        #expect(throws: TestError("x")) { try failing.next() }
        #expect(failing.state == .closed)

        let closed = Generator<Int> { g in try g.yield(1) }
        _ = closed.next()
        try closed.close()
        #expect(closed.state == .closed)

        let thrownInto = Generator<Int> { g in try g.yield(1) }
        _ = thrownInto.next()
        #expect(throws: TestError("y")) { try thrownInto.resume(throwing: TestError("y")) }
        #expect(thrownInto.state == .closed)

        let neverStarted = Generator<Int> { g in try g.yield(1) }
        try neverStarted.close()
        #expect(neverStarted.state == .closed)
    }

    @Test func stateIsRunningOnlyWhileTheBodyRuns() {  // 6.4
        let box = Box<Generator<Int>>()
        let log = EventLog()
        let g = Generator<Int> { g in
            log.record("\(box.value?.state ?? .closed)")
            try g.yield(1)
            log.record("\(box.value?.state ?? .closed)")
        }
        box.value = g
        _ = g.next()
        #expect(g.state == .suspended)
        _ = g.next()
        #expect(log.events == ["running", "running"])
        box.value = nil
    }

    // MARK: - 7. Laziness

    @Test func consumerAndProducerTakeTurns() {  // 7.3
        let log = EventLog()
        let g = Generator<Int> { g in
            for i in 0..<3 {
                log.record("produce \(i)")
                try g.yield(i)
            }
        }
        for n in g { log.record("consume \(n)") }
        #expect(
            log.events == [
                "produce 0", "consume 0", "produce 1", "consume 1", "produce 2", "consume 2",
            ]
        )

        let h = Generator<Int> { g in for i in 0..<10 { try g.yield(i) } }
        #expect(h.first { $0 > 2 } == 3)
        #expect(h.next() == 4)
    }
}

/// A generator is not `Sendable`, but a suspended one may be handed to
/// another thread (transferring it, as Swift 6's region checking allows).
@Suite struct CoroutineThreadTests {
    static func finish(_ generator: sending Generator<Int>) async -> [Int] {
        await Task.detached {
            Array(generator)
        }.value
    }

    @Test func aSuspendedGeneratorCanMoveToAnotherThread() async {
        let g = Generator<Int> { g in
            var local = [Int]()
            for i in 0..<5 {
                local.append(i)
                try g.yield(local.reduce(0, +))
            }
        }
        #expect(g.next() == 0)
        #expect(await Self.finish(g) == [1, 3, 6, 10])
    }

    @Test func generatorsOnManyThreadsAtOnce() async {
        let sums = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var total = 0
                    for round in 0..<200 {
                        let g = Generator<Int> { g in
                            for i in 0..<50 { try g.yield(i * task + round) }
                        }
                        total += g.reduce(0, +)
                    }
                    return total
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        var expected = 0
        for task in 0..<8 {
            for round in 0..<200 {
                for i in 0..<50 { expected += i * task + round }
            }
        }
        #expect(sums.count == 8)
        #expect(sums.reduce(0, +) == expected)
    }
}
