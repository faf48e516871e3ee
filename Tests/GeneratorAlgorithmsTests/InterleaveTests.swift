import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct InterleaveTests {
    @Test func matchesMoreItertoolsExample() {
        // interleave([1, 2, 3], [4, 5], [6, 7, 8]) → 1, 4, 6, 2, 5, 7
        #expect(Array(interleave([[1, 2, 3], [4, 5], [6, 7, 8]])) == [1, 4, 6, 2, 5, 7])
    }

    @Test func readsWholeRoundsAndNothingAfterAnEnd() {
        let a = ReportingSequence([1, 2, 3])
        let b = ReportingSequence([4])
        var merged = interleave([a, b]).makeIterator()
        #expect(merged.next() == 1)
        #expect(a.pulls == 1 && b.pulls == 1)
        #expect(merged.next() == 4)
        #expect(merged.next() == nil)
        #expect(a.pulls == 2 && b.pulls == 2)
        #expect(merged.next() == nil)
        #expect(a.pulls == 2 && b.pulls == 2)
    }

    @Test func emptyInputs() {
        #expect(Array(interleave([[Int]]())).isEmpty)
        #expect(Array(interleave([[1, 2], []])).isEmpty)
    }

    @Test func interleavesAnInfiniteGeneratorWithAFiniteSequence() {
        let letters = Generator<Int> { g in for i in [100, 200] { try g.yield(i) } }
        #expect(Array(interleave([naturals(), letters])) == [0, 100, 1, 200])
    }

    @Test func releasesEveryBaseAtTheEnd() {
        let log = EventLog()
        var merged = interleave([ReleaseWitnessSequence([1, 2], log: log), ReleaseWitnessSequence([3], log: log)])
            .makeIterator()
        #expect(merged.next() == 1)
        #expect(merged.next() == 3)
        #expect(log.events.isEmpty)
        #expect(merged.next() == nil)
        #expect(log.events == ["released", "released"])
    }
}
