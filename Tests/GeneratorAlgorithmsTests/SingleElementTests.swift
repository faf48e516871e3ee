import GeneratorAlgorithms
import Testing
import _GeneratorsTestSupport

@Suite struct SingleElementTests {
    @Test func oneMatchesMoreItertools() throws {
        // one([]) → ValueError; one(['a']) → 'a'; one(['a', 'b']) → ValueError
        #expect(throws: SingleElementError.empty) { try [Int]().one() }
        #expect(try ["a"].one() == "a")
        #expect(throws: SingleElementError.moreThanOne) { try ["a", "b"].one() }
    }

    @Test func onlyMatchesMoreItertools() throws {
        // only([]) → None; only([1]) → 1; only([1, 2]) → ValueError
        #expect(try [Int]().only() == nil)
        #expect(try [1].only() == 1)
        #expect(throws: SingleElementError.moreThanOne) { try [1, 2].only() }
    }

    @Test func readsAtMostTwoElements() {
        let source = ReportingSequence(1...100)
        #expect(throws: SingleElementError.moreThanOne) { try source.one() }
        #expect(source.pulls == 2)
    }

    @Test func errorsDescribeThemselves() {
        #expect(SingleElementError.empty.description == "expected one element, found none")
        #expect(SingleElementError.moreThanOne.description == "expected one element, found more")
    }
}
