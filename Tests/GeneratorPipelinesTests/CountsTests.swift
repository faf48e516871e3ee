import Foundation
import GeneratorPipelines
import Testing
import _GeneratorsTestSupport

@Suite struct CountsTests {
    @Test func countsAndTop() {
        let counts = Counts<Character>.of("mississippi")
        #expect(counts["s"] == 4 && counts["m"] == 1 && counts["z"] == 0)
        #expect(counts.total == 11)
        #expect(counts.top(1).map(\.key) == ["i"] || counts.top(1).map(\.key) == ["s"])
        #expect(counts.top(0).isEmpty)
    }

    /// The merge of the parts of any split is the whole, in any order and grouping.
    @Test(arguments: 1...10)
    func mergingAnySplitGivesTheWhole(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let values = (0..<Int(generator.next() % 2_000)).map { _ in Int(generator.next() % 50) }
        let whole = Counts<Int>.of(values)
        let cut = values.isEmpty ? 0 : Int(generator.next() % UInt64(values.count))
        let (left, right) = (Counts<Int>.of(values[..<cut]), Counts<Int>.of(values[cut...]))
        var forward = left
        forward.merge(right)
        var backward = right
        backward.merge(left)
        #expect(forward == whole && backward == whole)
        #expect(Counts.merging([Counts(), left, Counts(), right]) == whole)
    }

    @Test func aDocumentRoundTripsAndABrokenOneIsRefused() throws {
        let counts = Counts<String>.of(["a", "b", "a"])
        #expect(try JSONDecoder().decode(Counts<String>.self, from: JSONEncoder().encode(counts)) == counts)
        for broken in [#"{"counts": {"a": 0}, "total": 0}"#, #"{"counts": {"a": 2}, "total": 3}"#] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(Counts<String>.self, from: Data(broken.utf8))
            }
        }
    }

    @Test func aNegativeCountTraps() async {
        await #expect(processExitsWith: .failure) {
            var counts = Counts<Int>()
            counts.add(1, count: -1)
        }
    }
}
