import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct CycledTests {
    @Test func matchesPythonsExample() {
        // cycle('ABCD') → A B C D A B C D ...
        let source = ReportingSequence("ABCD")
        #expect(String(source.cycled().prefix(10)) == "ABCDABCDAB")
    }

    @Test func readsTheSourceOnce() {
        let source = ReportingSequence([1, 2, 3])
        var cycle = source.cycled().makeIterator()
        for _ in 0..<3 { _ = cycle.next() }
        #expect(source.pulls == 3)
        #expect(cycle.next() == 1)
        #expect(source.pulls == 4)
        for _ in 0..<20 { _ = cycle.next() }
        #expect(source.pulls == 4)
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func anEmptySequenceGivesNothing() {
        var cycle = ReportingSequence([Int]()).cycled().makeIterator()
        #expect(cycle.next() == nil)
        #expect(cycle.next() == nil)
    }

    @Test func replaysAGeneratorThatCannotBeRestarted() {
        let log = EventLog()
        let colors = Generator<String> { g in
            defer { log.record("cleanup") }
            for color in ["red", "green"] { try g.yield(color) }
        }
        #expect(Array(colors.cycled().prefix(5)) == ["red", "green", "red", "green", "red"])
        #expect(log.events == ["cleanup"])
    }

    @Test func releasesItsBaseAfterTheFirstPass() {
        let log = EventLog()
        var cycle = ReleaseWitnessSequence([1, 2], log: log).cycled().makeIterator()
        #expect(cycle.next() == 1)
        #expect(cycle.next() == 2)
        #expect(log.events.isEmpty)
        #expect(cycle.next() == 1)
        #expect(log.events == ["released"])
    }
}
