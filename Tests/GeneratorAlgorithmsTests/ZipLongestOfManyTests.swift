import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct ZipLongestOfManyTests {
    @Test func matchesPython() {
        // [''.join(t) for t in zip_longest('ABC', 'xy', '1', fillvalue='-')] → ['Ax1', 'By-', 'C--']
        let rows = Array(zipLongest(["ABC", "xy", "1"], fillValue: "-").map { String($0) })
        #expect(rows == ["Ax1", "By-", "C--"])
        // list(zip_longest()) → []; list(zip_longest('', '')) → []
        #expect(Array(zipLongest([[Int]]())).isEmpty)
        #expect(Array(zipLongest(["", ""])).isEmpty)
        // list(zip_longest('a')) → [('a',)]
        #expect(Array(zipLongest(["a"])) == [["a"]])
    }

    @Test func withoutAFillValueTheMissingAreNil() {
        let rows = Array(zipLongest([[1, 2, 3], [10], []]))
        #expect(rows == [[1, 10, nil], [2, nil, nil], [3, nil, nil]])
    }

    @Test func twoSequencesWithAFillValue() {
        // list(zip_longest([1, 2, 3], [10], fillvalue=0)) → [(1, 10), (2, 0), (3, 0)]
        let pairs = Array(zipLongest([1, 2, 3], [10], fillValue: 0).map { [$0.0, $0.1] })
        #expect(pairs == [[1, 10], [2, 0], [3, 0]])
    }

    @Test func readsLikePython() {
        // Python reads every live input once per row, in order, and an
        // input that ran out never again.
        let sources = [ReportingSequence(1...3), ReportingSequence(1...1), ReportingSequence(1...2)]
        #expect(Array(zipLongest(sources)).count == 3)
        #expect(sources.map(\.pulls) == [4, 2, 3])
        #expect(sources.allSatisfy { $0.pullsAfterEnd == 0 })
    }

    @Test func endlessGeneratorsBesideFiniteOnes() {
        let rows = zipLongest([naturals(), Generator { g in try g.yield(100) }]).prefix(3)
        #expect(Array(rows) == [[0, 100], [1, nil], [2, nil]])
    }
}
