import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct ZipLongestTests {
    @Test func matchesPythonsExample() {
        // zip_longest('ABCD', 'xy', fillvalue='-') → Ax By C- D-
        let pairs = zipLongest("ABCD", "xy").map { "\($0 ?? "-")\($1 ?? "-")" }
        #expect(pairs == ["Ax", "By", "C-", "D-"])
    }

    @Test func aSequenceThatRanOutIsNotReadAgain() {
        let long = ReportingSequence(1...4)
        let short = ReportingSequence(["x", "y"])
        let pairs = Array(zipLongest(long, short))
        #expect(pairs.count == 4)
        #expect(pairs.last.map { $0.0 == 4 && $0.1 == nil } == true)
        #expect(long.pulls == 5)
        #expect(short.pulls == 3)
        #expect(long.pullsAfterEnd == 0 && short.pullsAfterEnd == 0)
    }

    @Test func emptyInputs() {
        #expect(Array(zipLongest([Int](), [String]())).isEmpty)
        let onlySecond = zipLongest([Int](), ["a"]).map { "\($0.0 ?? -1)\($0.1 ?? "")" }
        #expect(onlySecond == ["-1a"])
    }

    @Test func anInfiniteGeneratorBesideAFiniteSequence() {
        let firstThree = zipLongest(naturals(), ["a"]).prefix(3).map { "\($0.0 ?? -1)\($0.1 ?? "-")" }
        #expect(firstThree == ["0a", "1-", "2-"])
    }

    @Test func releasesEachBaseOnceItRunsOut() {
        let log = EventLog()
        var pairs = zipLongest([1, 2, 3], ReleaseWitnessSequence(["a"], log: log)).makeIterator()
        _ = pairs.next()
        #expect(log.events.isEmpty)
        _ = pairs.next()
        #expect(log.events == ["released"])
    }
}
