import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct LastTests {
    @Test func matchesMoreItertools() {
        // last([0, 1, 2, 3]) → 3; last([], None) → None
        #expect([0, 1, 2, 3].last() == 3)
        #expect([Int]().last() == nil)
    }

    @Test func readsASingleUseSequenceOnce() {
        let source = ReportingSequence(1...4)
        #expect(source.last() == 4)
        #expect(source.pulls == 5)
        let numbers = Generator<Int> { g in for i in 1...3 { try g.yield(i) } }
        #expect(numbers.last() == 3)
    }
}
