import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct CombinationsWithReplacementTests {
    @Test func matchesPythonsExample() {
        // combinations_with_replacement('ABC', 2) → AA AB AC BB BC CC
        let picks = "ABC".combinationsWithReplacement(ofCount: 2).map { String($0) }
        #expect(picks == ["AA", "AB", "AC", "BB", "BC", "CC"])
    }

    @Test func edgeCountsMatchPython() {
        // r = 0 → [()]; empty input with r > 0 → []; r > n still works
        #expect(Array("AB".combinationsWithReplacement(ofCount: 0)) == [[]])
        #expect(Array("".combinationsWithReplacement(ofCount: 0)) == [[]])
        #expect(Array("".combinationsWithReplacement(ofCount: 2)).isEmpty)
        #expect("AB".combinationsWithReplacement(ofCount: 3).map { String($0) } == ["AAA", "AAB", "ABB", "BBB"])
    }

    @Test func countsAreBinomial() {
        // C(n + r - 1, r): n = 5, r = 3 → 35
        #expect(Array((1...5).combinationsWithReplacement(ofCount: 3)).count == 35)
    }

    @Test func readsAGeneratorOnce() {
        let source = ReportingSequence([1, 2])
        let picks = Array(source.combinationsWithReplacement(ofCount: 2))
        #expect(picks == [[1, 1], [1, 2], [2, 2]])
        #expect(source.pulls == 3)
    }

    @Test func aNegativeCountIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            _ = [1].combinationsWithReplacement(ofCount: -1)
        }
    }
}
