import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct PeekableTests {
    @Test func matchesMoreItertoolsExample() {
        // p = peekable(['a', 'b']); p.peek() → 'a'; next(p) → 'a'; p.peek() → 'b'
        var p = ["a", "b"].peekable()
        #expect(p.peek() == "a")
        #expect(p.next() == "a")
        #expect(p.peek() == "b")
        #expect(p.next() == "b")
        #expect(p.peek() == nil)
        #expect(p.hasNext() == false)
    }

    @Test func readsNothingUntilAskedAndOneElementToPeek() {
        let source = ReportingSequence(1...3)
        var p = source.peekable()
        #expect(source.pulls == 0)
        #expect(p.peek() == 1)
        #expect(p.peek() == 1)
        #expect(source.pulls == 1)
        #expect(p.next() == 1)
        #expect(source.pulls == 1)
        #expect(Array(p) == [2, 3])
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func prependedElementsComeFirstInTheirOrder() {
        // p = peekable([1, 2, 3]); p.prepend(10, 11, 12); list(p) → [10, 11, 12, 1, 2, 3]
        var p = [1, 2, 3].peekable()
        p.prepend([10, 11, 12])
        #expect(p.peek() == 10)
        #expect(Array(p) == [10, 11, 12, 1, 2, 3])
    }

    @Test func worksOnAGenerator() {
        let tokens = Generator<String> { g in
            for token in ["let", "x", "=", "1"] { try g.yield(token) }
        }
        var stream = tokens.peekable()
        if stream.peek() == "let" { _ = stream.next() }
        #expect(stream.next() == "x")
    }

    @Test func releasesItsBaseOnceItRunsOut() {
        let log = EventLog()
        var p = ReleaseWitnessSequence([1], log: log).peekable()
        #expect(p.next() == 1)
        #expect(log.events.isEmpty)
        #expect(p.peek() == nil)
        #expect(log.events == ["released"])
    }
}
