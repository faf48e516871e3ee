import Generators
import Testing
import _GeneratorsTestSupport

/// Spec section 4 (`yield from`, PEP 380), one test per applicable row, for
/// both ways a delegate runs: inline (not started yet) and resumed value by
/// value (already started).
@Suite struct CoroutineDelegationTests {
    /// A delegate that logs its life and returns how many values it saw sent.
    func delegate(_ log: EventLog, values: [Int] = [1, 2]) -> Coroutine<Int, String, Int, Never> {
        Coroutine { g in
            log.record("sub start")
            defer { log.record("sub end") }
            var received = 0
            for value in values {
                if let sent = try g.yield(value) {
                    log.record("sub got \(sent)")
                    received += 1
                }
            }
            return received
        }
    }

    @Test(arguments: [false, true])
    func theFirstResumeIsDelegated(started: Bool) {  // 4.1
        let log = EventLog()
        let sub = delegate(log, values: [1, 2, 3])
        if started { _ = sub.next() }
        let outer = Coroutine<Int, String, Void, Never> { g in
            log.record("outer start")
            try g.yield(from: sub)
        }
        #expect(log.take() == (started ? ["sub start"] : []))
        #expect(outer.next() == (started ? 2 : 1))
        #expect(log.take() == (started ? ["outer start"] : ["outer start", "sub start"]))
    }

    @Test(arguments: [false, true])
    func sendReachesTheInnermostGenerator(started: Bool) throws {  // 4.2
        let log = EventLog()
        let sub = delegate(log, values: [1, 2, 3])
        if started { _ = sub.next() }
        let outer = Coroutine<Int, String, Int, Never> { g in
            let count = try g.yield(from: sub)
            log.record("outer got \(count)")
            return count
        }
        _ = outer.next()
        #expect(try outer.send("a").yielded != nil)
        #expect(try outer.send("b") == (started ? .returned(2) : .yielded(3)))
        #expect(log.events.contains("sub got a"))
        #expect(log.events.contains("sub got b"))
    }

    @Test(arguments: [false, true])
    func yieldFromEvaluatesToTheReturnValue(started: Bool) throws {  // 4.3
        let sub = Coroutine<Int, Void, String, Never> { g in
            try g.yield(1)
            try g.yield(2)
            return "sub done"
        }
        if started { _ = sub.next() }
        let outer = Coroutine<Int, Void, String, Never> { g in
            let result = try g.yield(from: sub)
            return "outer saw \(result)"
        }
        #expect(Array(outer) == (started ? [2] : [1, 2]))
        #expect(outer.returnValue == "outer saw sub done")
    }

    @Test func yieldFromAnySequence() {  // 4.4
        let g = Generator<Int> { g in
            try g.yield(from: [1, 2])
            try g.yield(from: 3...4)
            try g.yield(from: [Int]())
            try g.yield(from: Generator<Int> { g in try g.yield(5) })
        }
        #expect(Array(g) == [1, 2, 3, 4, 5])
    }

    @Test func yieldFromASequenceInAGeneratorThatReceivesValues() throws {  // 4.4
        // def g(): got = yield 0; yield from range(1, 3); yield got
        let g = Coroutine<Int, String, Void, any Error> { g in
            let got = try g.yield(0)
            try g.yield(from: 1..<3)
            try g.yield(got == nil ? -1 : 99)
        }
        #expect(try g.next() == 0)
        #expect(try g.send("x").yielded == 1)
        #expect(try g.next() == 2)
        #expect(try g.next() == 99)
        // A value sent into the plain sequence is a typed error (Python's
        // AttributeError: 'range_iterator' object has no attribute 'send').
        let h = Coroutine<Int, String, Void, any Error> { g in try g.yield(from: [1, 2, 3]) }
        #expect(try h.next() == 1)
        #expect(throws: GeneratorError.sendToNonGenerator) { try h.send("x") }
        #expect(h.state == .closed)
    }

    @Test(arguments: [false, true])
    func resumeThrowingIsForwarded(started: Bool) throws {  // 4.6
        let log = EventLog()
        let handling = Coroutine<Int, Void, String, any Error> { g in
            defer { log.record("sub cleanup") }
            try g.yield(0)
            do {
                try g.yield(1)
            } catch let error as TestError where error.label == "handled" {
                try g.yield(2)
            }
            do {
                try g.yield(3)
            } catch let error as TestError where error.label == "return" {
                return "returned"
            }
            try g.yield(4)
            return "end"
        }
        if started { _ = try handling.next() }
        let outer = Coroutine<Int, Void, String, any Error> { g in
            defer { log.record("outer cleanup") }
            let result = try g.yield(from: handling)
            log.record("outer got \(result)")
            try g.yield(5)
            return result
        }
        #expect(try outer.next() == (started ? 1 : 0))
        if !started { #expect(try outer.next() == 1) }
        // Handled and yields: delegation goes on with that value.
        #expect(try outer.resume(throwing: TestError("handled")).yielded == 2)
        #expect(try outer.next() == 3)
        // Handled and returns: that value is the result of yield(from:).
        #expect(try outer.resume(throwing: TestError("return")).yielded == 5)
        #expect(log.events == ["sub cleanup", "outer got returned"])

        // Not handled: unwinds the delegate, then the delegator, innermost first.
        let inner = Generator<Int> { g in
            defer { log.record("inner cleanup") }
            try g.yield(1)
        }
        let delegator = Generator<Int> { g in
            defer { log.record("delegator cleanup") }
            try g.yield(from: inner)
        }
        _ = log.take()
        _ = delegator.next()
        #expect(throws: TestError("unhandled")) { try delegator.resume(throwing: TestError("unhandled")) }
        #expect(log.events == ["inner cleanup", "delegator cleanup"])
        #expect(inner.state == .closed)
        #expect(delegator.state == .closed)
    }

    @Test(arguments: [false, true])
    func closeClosesTheDelegateFirst(started: Bool) throws {  // 4.7
        let log = EventLog()
        let inner = Generator<Int> { g in
            defer { log.record("inner cleanup") }
            try g.yield(1)
            try g.yield(2)
        }
        if started { _ = inner.next() }
        let outer = Generator<Int> { g in
            defer { log.record("outer cleanup") }
            do {
                try g.yield(from: inner)
            } catch let signal as GeneratorExit {
                log.record("outer saw close")
                throw signal
            }
        }
        _ = outer.next()
        try outer.close()
        #expect(log.events == ["inner cleanup", "outer saw close", "outer cleanup"])
        #expect(inner.state == .closed)
        #expect(outer.state == .closed)
    }

    /// The delegator dropped last by a thread that never synchronised with its
    /// last user (see `CoroutineTests.droppedLastOnAnotherThreadIsFinalizedThere`):
    /// the close reaches the delegate through the delegator's fiber, and the
    /// delegate's cleanup still sees the user's last write.
    @Test(arguments: [false, true])
    func aDelegatorDroppedLastOnAnotherThreadClosesItsDelegateThere(started: Bool) {  // 4.7, 3.1
        let witness = CleanupWitness()
        let inner = Generator<Int> { g in
            defer { witness.cleanupRuns() }
            while true { try g.yield(1) }
        }
        if started { #expect(inner.next() == 1) }
        var outer: Generator<Int>? = Generator<Int> { g in try g.yield(from: inner) }
        #expect(outer?.next() == 1)
        witness.write(5, thenDropLast: &outer)
        #expect(witness.seen == 5)
        #expect(witness.cleanups == 1)
        #expect(witness.ranOnDropper)
        #expect(inner.state == .closed)
    }

    @Test func aDelegateCleanupErrorPropagatesFromClose() {  // 4.7
        let inner = ThrowingGenerator<Int> { g in
            do { try g.yield(1) } catch is GeneratorExit { throw TestError("inner cleanup") }
        }
        let outer = ThrowingGenerator<Int> { g in try g.yield(from: inner) }
        _ = try? outer.next()
        #expect(throws: TestError("inner cleanup")) { try outer.close() }
        #expect(outer.state == .closed)
    }

    @Test func aDelegateThatReturnsDuringCloseStillClosesTheDelegator() throws {  // 4.8
        let log = EventLog()
        let inner = Coroutine<Int, Void, Int, Never> { g in
            do { try g.yield(1) } catch is GeneratorExit { return 7 }
            return 0
        }
        let outer = Generator<Int> { g in
            let value = try g.yield(from: inner)
            log.record("outer continued with \(value)")
        }
        _ = outer.next()
        try outer.close()
        #expect(log.events.isEmpty)
        #expect(outer.state == .closed)
    }

    @Test func throwingIntoASequenceDelegationRaisesInTheDelegator() throws {  // 4.9
        let log = EventLog()
        let g = Generator<Int> { g in
            do {
                try g.yield(from: [1, 2, 3])
            } catch let error as TestError {
                log.record("delegator caught \(error.label)")
                try g.yield(10)
            }
        }
        #expect(g.next() == 1)
        #expect(try g.resume(throwing: TestError("x")).yielded == 10)
        #expect(log.events == ["delegator caught x"])
    }

    @Test func aDelegationCycleIsAlreadyExecuting() throws {  // 4.10
        let first = Box<ThrowingGenerator<Int>>()
        let log = EventLog()
        let second = ThrowingGenerator<Int> { g in
            do {
                if let first = first.value { try g.yield(from: first) }
            } catch {
                log.record("\(error)")
                throw error
            }
        }
        let a = ThrowingGenerator<Int> { g in
            try g.yield(1)
            try g.yield(from: second)
        }
        first.value = a
        #expect(try a.next() == 1)
        #expect(throws: GeneratorError.alreadyExecuting(.delegation)) { try a.next() }
        #expect(log.events == ["\(GeneratorError.alreadyExecuting(.delegation))"])
    }

    @Test func aDelegateRunningInlineBelongsToItsDelegator() throws {  // 4.10
        let inner = Generator<Int> { g in
            try g.yield(1)
            try g.yield(2)
        }
        let outer = Generator<Int> { g in try g.yield(from: inner) }
        #expect(outer.next() == 1)
        #expect(inner.state == .suspended)
        #expect(throws: GeneratorError.alreadyExecuting(.send)) { try inner.send(()) }
        #expect(throws: GeneratorError.alreadyExecuting(.close)) { try inner.close() }
        #expect(outer.next() == 2)
        #expect(outer.next() == nil)
        #expect(inner.state == .closed)
    }

    // MARK: - Regressions from porting and fuzzing against CPython (issue 9)

    @Test(arguments: [false, true])
    func closingADelegatorClosesTheIteratorItDelegatesTo(dropped: Bool) {  // 4.9
        // def inner(): try: yield from count() finally: log('inner closed')
        // def outer(): try: yield from iter(inner()) finally: log('outer closed')
        let log = EventLog()
        let inner = Generator<Int> { g in
            defer { log.record("inner closed") }
            try g.yield(from: 0...)
        }
        var outer: Generator<Int>? = Generator<Int> { g in
            defer { log.record("outer closed") }
            // A plain sequence whose iterator is the generator's: closable.
            try g.yield(from: SequenceOf { inner.makeIterator() })
        }
        #expect(outer?.next() == 0)
        #expect(outer?.next() == 1)
        if dropped { outer = nil } else { #expect(throws: Never.self) { try outer?.close() } }
        #expect(log.events == ["inner closed", "outer closed"])
        #expect(inner.state == .closed)
    }

    @Test func anErrorThrownInDoesNotCloseTheIterator() throws {  // 4.9
        let log = EventLog()
        let inner = Generator<Int> { g in
            defer { log.record("inner closed") }
            try g.yield(from: 0...)
        }
        let outer = ThrowingGenerator<Int> { g in
            do {
                try g.yield(from: SequenceOf { inner.makeIterator() })
            } catch let error as TestError {
                log.record("outer caught \(error.label)")
            }
        }
        #expect(try outer.next() == 0)
        #expect(try outer.resume(throwing: TestError("x")).isFinished)
        #expect(log.events == ["outer caught x"])
        #expect(inner.state == .suspended)
    }

    @Test func anErrorClosingTheIteratorIsThrownInTheDelegator() throws {  // 4.7, 4.9
        let log = EventLog()
        let outer = ThrowingGenerator<Int> { g in
            do {
                try g.yield(from: SequenceOf { ClosableWitnessIterator([1, 2], log: log, closeError: TestError("x")) })
            } catch let error as TestError {
                log.record("outer caught \(error.label)")
                throw error
            }
        }
        #expect(try outer.next() == 1)
        #expect(throws: TestError("x")) { try outer.close() }
        #expect(log.events == ["iterator closed", "outer caught x"])
        #expect(outer.state == .closed)
    }

    @Test func yieldFromAClosedGeneratorEvaluatesToNothing() throws {  // 4.3
        // g = sub(); g.close(); r = yield from g  → r is None
        let log = EventLog()
        let closed = Coroutine<Int, Void, Int?, Never> { g in
            try g.yield(1)
            return 7
        }
        try closed.close()
        let voidClosed = Generator<Int> { g in try g.yield(1) }
        try voidClosed.close()
        let outer = Generator<Int> { g in
            let r = try g.yield(from: closed)
            try g.yield(from: voidClosed)
            log.record("r = \(String(describing: r))")
            try g.yield(2)
        }
        #expect(Array(outer) == [2])
        #expect(log.events == ["r = nil"])
    }

    @Test func yieldFromAFinishedGeneratorWithoutANothingValueThrows() throws {
        let finished = Coroutine<Int, Void, Int, Never> { g in
            try g.yield(1)
            return 7
        }
        #expect(Array(finished) == [1])
        let outer = Coroutine<Int, Void, Int, any Error> { g in try g.yield(from: finished) }
        #expect(throws: GeneratorError.delegateAlreadyFinished) { try outer.next() }
        #expect(outer.state == .closed)
    }

    @Test func yieldFromAFinishedGeneratorReportsItsReturnValueOnce() throws {  // 1.5, 4.3
        // list(g) took the return value; yield from g then gives None.
        let finished = Coroutine<Int, Void, Int?, Never> { g in
            try g.yield(1)
            return 7
        }
        #expect(Array(finished) == [1])
        #expect(finished.returnValue == 7)
        let outer = Coroutine<Int, Void, Int?, Never> { g in try g.yield(from: finished) }
        #expect(outer.next() == nil)
        #expect(outer.returnValue == .some(nil))
    }

    @Test func aDelegateFinishedByADirectNextEvaluatesToNothing() throws {
        // s = sub(); next(s); d delegates to s; next(s) finishes s directly;
        // the delegator's yield from then evaluates to None.
        let log = EventLog()
        let sub = Coroutine<Int, Void, Int?, Never> { g in
            try g.yield(1)
            try g.yield(2)
            return 5
        }
        #expect(sub.next() == 1)
        let outer = Generator<Int> { g in
            let r = try g.yield(from: sub)
            log.record("r = \(String(describing: r))")
        }
        #expect(outer.next() == 2)
        #expect(try sub.send(()) == .returned(5))
        #expect(outer.next() == nil)
        #expect(log.events == ["r = nil"])
    }

    @Test(arguments: [false, true])
    func aDelegationInCleanupRunsToItsEndDuringClose(dropped: Bool) throws {  // 2.10, 3.1, 4.x
        // try: yield 1 finally: r = yield from f1(); log(r)   → close() logs 7
        let log = EventLog()
        let f1 = { Coroutine<Int, Void, Int, Never> { _ in 7 } }
        var g: Generator<Int>? = Generator<Int> { g in
            do {
                try g.yield(1)
            } catch {
                let r = try g.yield(from: f1())
                log.record("\(r)")
                throw error
            }
        }
        #expect(g?.next() == 1)
        if dropped {
            g = nil
        } else {
            try g?.close()
            #expect(g?.state == .closed)
        }
        #expect(log.events == ["7"])
    }

    /// def sub(): try: yield 1 except GeneratorExit: try: yield 2 finally: log('sub finally')
    /// def d(s): try: yield from s except RuntimeError as e: log(e); log('delegator ends')
    /// (`started`: the delegate yields 0 first, for a test to start it.)
    func ignoringDelegate(_ log: EventLog, started: Bool = false) -> Generator<Int> {
        Generator { g in
            if started { try g.yield(0) }
            do {
                try g.yield(1)
            } catch is GeneratorExit {
                log.record("sub ignores")
                defer { log.record("sub finally") }
                try g.yield(2)
            }
        }
    }

    @Test func anInlineDelegateThatIgnoresCloseRaisesInTheDelegator() throws {  // 4.8, PEP 380
        let log = EventLog()
        let outer = Generator<Int> { g in
            do {
                try g.yield(from: ignoringDelegate(log))
            } catch let error as GeneratorError {
                log.record("delegator caught \(error == .ignoredClose(.delegation))")
            }
            log.record("delegator ends")
        }
        #expect(outer.next() == 1)
        #expect(throws: Never.self) { try outer.close() }
        #expect(outer.state == .closed)
        // Inline, the delegate's frames are on the delegator's stack: it gets
        // the close signal once more before the delegator's handler runs
        // (CPython runs its `finally` later, when the delegator's frame is
        // cleared).
        #expect(log.events == ["sub ignores", "sub finally", "delegator caught true", "delegator ends"])
    }

    @Test func aStartedDelegateThatIgnoresCloseStaysSuspended() throws {  // 4.8, PEP 380
        let log = EventLog()
        var sub: Generator<Int>? = ignoringDelegate(log, started: true)
        #expect(sub?.next() == 0)
        var outer: Generator<Int>? = Generator<Int> { [sub] g in
            do {
                try g.yield(from: sub!)
            } catch let error as GeneratorError {
                log.record("delegator caught \(error == .ignoredClose(.delegation))")
            }
            log.record("delegator ends")
        }
        #expect(outer?.next() == 1)
        #expect(throws: Never.self) { try outer?.close() }
        #expect(outer?.state == .closed)
        #expect(log.events == ["sub ignores", "delegator caught true", "delegator ends"])
        // As in CPython, the delegate stays suspended until it goes away.
        #expect(sub?.state == .suspended)
        _ = log.take()
        outer = nil
        sub = nil
        #expect(log.events == ["sub finally"])
    }

    @Test func anInlineDelegateThatIgnoresCloseTwiceAbandonsTheChain() throws {
        ErrorCollector.install()
        let log = EventLog()
        let sub = Generator<Int> { g in
            while true {
                do { try g.yield(1) } catch { log.record("sub ignores") }
            }
        }
        let outer = Generator<Int>(name: "abandoned-chain") { g in
            defer { log.record("never runs") }
            try g.yield(from: sub)
        }
        #expect(outer.next() == 1)
        #expect(throws: Never.self) { try outer.close() }
        #expect(outer.state == .closed)
        #expect(sub.state == .closed)
        #expect(log.events == ["sub ignores", "sub ignores"])
        #expect(ErrorCollector.errors(named: "abandoned-chain").count == 1)
        #expect(outer.next() == nil)
    }

    @Test func deepDelegationWorks() {  // 4.12
        func chain(_ depth: Int) -> Coroutine<Int, Void, Int, Never> {
            Coroutine { g in
                if depth == 0 {
                    for i in 0..<3 { try g.yield(i) }
                    return 0
                }
                return 1 + (try g.yield(from: chain(depth - 1)))
            }
        }
        let g = chain(1000)
        #expect(Array(g) == [0, 1, 2])
        #expect(g.returnValue == 1000)
    }

    @Test func yieldWorksFromAnyCallDepth() {  // 4.12: stackful
        func emit(_ n: Int, _ g: Generator<Int>.Yielder) throws {
            if n == 0 { return }
            try g.yield(n)
            try emit(n - 1, g)
        }
        let g = Generator<Int> { g in try emit(200, g) }
        #expect(Array(g) == Array((1...200).reversed()))
    }

    /// Found by the differential fuzzer (Regressions/inline-delegate-cleanup-delegates.json):
    /// a delegate running inline whose cleanup delegates again, and yields there, is the one
    /// that ignored the close (PEP 380: its close raises in the delegator, which ends), not
    /// the delegator; the second close reaches the inner delegate first.
    @Test func inlineDelegateWhoseCleanupDelegatesAndYieldsIgnoredTheClose() throws {  // 4.7, 2.10
        let log = EventLog()
        func inner() -> Coroutine<Int, Void, Void, Never> {
            Coroutine { g in
                defer { log.record("inner cleanup") }
                try g.yield(3)
            }
        }
        func middle() -> Coroutine<Int, Void, Void, Never> {
            Coroutine { g in
                try tryFinally {
                    try g.yield(2)
                } finally: {
                    log.record("middle finally")
                    try g.yield(from: inner())
                }
            }
        }
        let outer = Coroutine<Int, Void, Void, any Error> { g in
            try g.yield(from: middle())
            log.record("outer goes on")
        }
        #expect(try outer.next() == 2)
        #expect(throws: GeneratorError.ignoredClose(.delegation)) { try outer.close() }
        #expect(log.take() == ["middle finally", "inner cleanup"])
        #expect(outer.state == .closed)
    }
}
