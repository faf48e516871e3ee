import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct RemoveDuplicatesTests {
    @Test func matchesUniqueJustseen() {
        // unique_justseen('AAAABBBCCDAABBB') → A B C D A B
        #expect(String("AAAABBBCCDAABBB".removeDuplicates()) == "ABCDAB")
    }

    @Test func comparesWithAKey() {
        // unique_justseen(['Apple', 'apricot', 'Banana', 'blueberry', 'apple'], key=lambda s: s[0].lower())
        let words = ["Apple", "apricot", "Banana", "blueberry", "apple"]
        let kept = words.removeDuplicates { $0.first?.lowercased() == $1.first?.lowercased() }
        #expect(Array(kept) == ["Apple", "Banana", "apple"])
    }

    @Test func readsOneElementPerStep() {
        let source = ReportingSequence([1, 1, 2])
        var unique = source.removeDuplicates().makeIterator()
        #expect(unique.next() == 1)
        #expect(source.pulls == 1)
        #expect(unique.next() == 2)
        #expect(source.pulls == 3)
    }

    @Test func worksOnAGenerator() {
        let readings = Generator<Int> { g in for r in [5, 5, 6, 6, 5] { try g.yield(r) } }
        #expect(Array(readings.removeDuplicates()) == [5, 6, 5])
    }

    @Test func releasesItsBaseOnceItRunsOut() {
        let log = EventLog()
        var unique = ReleaseWitnessSequence([1, 1], log: log).removeDuplicates().makeIterator()
        #expect(unique.next() == 1)
        #expect(log.events.isEmpty)
        #expect(unique.next() == nil)
        #expect(log.events == ["released"])
    }
}
