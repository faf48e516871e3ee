import GeneratorAlgorithms
import Testing
import _GeneratorsTestSupport

@Suite struct CompressTests {
    @Test func matchesPythonsExample() {
        // compress('ABCDEF', [1, 0, 1, 0, 1, 1]) → A C E F
        #expect(String(compress("ABCDEF", selectors: [true, false, true, false, true, true])) == "ACEF")
    }

    @Test func stopsAtTheShorterInput() {
        let data = ReportingSequence(1...10)
        #expect(Array(compress(data, selectors: [true, true])) == [1, 2])
        #expect(data.pulls == 3)
        #expect(Array(compress([1], selectors: [false, true, true])).isEmpty)
    }
}
