import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct RoundRobinTests {
    @Test func matchesMoreItertoolsExample() {
        // roundrobin('ABC', 'D', 'EF') → A D E B F C
        #expect(String(roundRobin(["ABC", "D", "EF"])) == "ADEBFC")
    }

    @Test func readsOneElementPerElementAndNothingAfterAnEnd() {
        let a = ReportingSequence([1, 2, 3])
        let b = ReportingSequence([10])
        var merged = roundRobin([a, b]).makeIterator()
        #expect(merged.next() == 1)
        #expect(a.pulls == 1 && b.pulls == 0)
        #expect(merged.next() == 10)
        #expect(merged.next() == 2)
        #expect(b.pulls == 1)
        #expect(merged.next() == 3)  // after b's turn found its end
        #expect(b.pulls == 2)
        #expect(merged.next() == nil)
        #expect(merged.next() == nil)
        #expect(b.pulls == 2)
        #expect(a.pullsAfterEnd == 0 && b.pullsAfterEnd == 0)
    }

    @Test func emptyInputs() {
        #expect(Array(roundRobin([[Int]]())).isEmpty)
        #expect(Array(roundRobin([[], [1], []])) == [1])
    }

    @Test func interleavesGenerators() {
        func numbers(_ values: [Int]) -> Generator<Int> {
            Generator { g in for value in values { try g.yield(value) } }
        }
        #expect(Array(roundRobin([numbers([1, 3, 5]), numbers([2, 4])])) == [1, 2, 3, 4, 5])
    }

    @Test func releasesEachBaseOnceItRunsOut() {
        let log = EventLog()
        let short = ReleaseWitnessSequence([1], log: log)
        let long = ReleaseWitnessSequence([10, 20], log: EventLog())
        var merged = roundRobin([short, long]).makeIterator()
        #expect(merged.next() == 1)
        #expect(merged.next() == 10)
        #expect(log.events.isEmpty)
        #expect(merged.next() == 20)  // after `short` found its end
        #expect(log.events == ["released"])
    }
}
