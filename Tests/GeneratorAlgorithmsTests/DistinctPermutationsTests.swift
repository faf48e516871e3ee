import GeneratorAlgorithms
import Generators
import Testing

@Suite struct DistinctPermutationsTests {
    @Test func matchesMoreItertoolsOrder() {
        // distinct_permutations([2, 1, 1]) → (1, 1, 2), (1, 2, 1), (2, 1, 1)
        #expect(Array([2, 1, 1].distinctPermutations()) == [[1, 1, 2], [1, 2, 1], [2, 1, 1]])
    }

    @Test func countsTheDistinctOrderings() {
        // len(list(distinct_permutations('aabbc'))) → 30 = 5! / (2! 2!)
        #expect(Array("aabbc".distinctPermutations()).count == 30)
        #expect(Set("aabbc".distinctPermutations()).count == 30)
        #expect(Array([1, 2, 3].distinctPermutations()).count == 6)
    }

    @Test func edgeCases() {
        #expect(Array([Int]().distinctPermutations()) == [[]])
        #expect(Array([7].distinctPermutations()) == [[7]])
        #expect(Array([3, 3, 3].distinctPermutations()) == [[3, 3, 3]])
    }

    @Test func readsAGenerator() {
        let digits = Generator<Int> { g in for d in [2, 1] { try g.yield(d) } }
        #expect(Array(digits.distinctPermutations()) == [[1, 2], [2, 1]])
    }
}
