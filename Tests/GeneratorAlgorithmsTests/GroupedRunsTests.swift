import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct GroupedRunsTests {
    @Test func matchesPythonsExamples() {
        // [k for k, g in groupby('AAAABBBCCDAABBB')] → A B C D A B
        #expect("AAAABBBCCDAABBB".groupedRuns().map(\.key) == Array("ABCDAB"))
        // [list(g) for k, g in groupby('AAAABBBCCD')] → AAAA BBB CC D
        #expect("AAAABBBCCD".groupedRuns().map { String($0.elements) } == ["AAAA", "BBB", "CC", "D"])
    }

    @Test func aGroupLetGoOfLendsItsStorageToTheNextAndAKeptOneStaysIntact() {
        var iterator = [1, 1, 2, 2, 3, 3, 4, 4].groupedRuns().makeIterator()
        var addresses: Set<UInt> = []
        for _ in 0..<2 {
            let group = iterator.next()!
            addresses.insert(group.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
        }
        #expect(addresses.count == 1)
        let kept = [iterator.next()!, iterator.next()!]
        #expect(kept.map(\.key) == [3, 4])
        #expect(kept.map(\.elements) == [[3, 3], [4, 4]])
        #expect(iterator.next() == nil)
    }

    @Test func groupsByAKeyComputedOncePerElement() {
        var keyCalls = 0
        let runs = [1, 3, 5, 2, 4, 7].groupedRuns { (n: Int) -> Bool in
            keyCalls += 1
            return n.isMultiple(of: 2)
        }
        let result = runs.map { "\($0.key):\($0.elements)" }
        #expect(result == ["false:[1, 3, 5]", "true:[2, 4]", "false:[7]"])
        #expect(keyCalls == 6)
    }

    @Test func readsOneElementPastEachGroup() {
        let source = ReportingSequence("AAAABBBC")
        var runs = source.groupedRuns().makeIterator()
        #expect(runs.next()?.elements == Array("AAAA"))
        #expect(source.pulls == 5)
        #expect(runs.next()?.elements == Array("BBB"))
        #expect(source.pulls == 8)
        #expect(runs.next()?.elements == ["C"])
        #expect(runs.next() == nil)
        #expect(source.pulls == 9)
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func earlierGroupsStayValid() {
        // Python empties a group once groupby moves on; these are arrays.
        let groups = Array("AABBB".groupedRuns())
        #expect(groups.map { String($0.elements) } == ["AA", "BBB"])
    }

    @Test func emptyAndInfiniteInputs() {
        #expect(Array([Int]().groupedRuns()).isEmpty)
        let pairs = Generator<Int> { g in
            var i = 0
            while true {
                try g.yield(i / 2)
                i += 1
            }
        }
        #expect(pairs.groupedRuns().prefix(3).map(\.elements) == [[0, 0], [1, 1], [2, 2]])
    }

    @Test func releasesItsBaseOnceItRunsOut() {
        let log = EventLog()
        var runs = ReleaseWitnessSequence([1, 1, 2], log: log).groupedRuns().makeIterator()
        #expect(runs.next()?.elements == [1, 1])
        #expect(log.events.isEmpty)
        #expect(runs.next()?.elements == [2])
        #expect(log.events == ["released"])
    }
}
