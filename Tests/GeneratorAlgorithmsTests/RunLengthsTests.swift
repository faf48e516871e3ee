import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct RunLengthsTests {
    @Test func matchesMoreItertoolsExample() {
        // run_length.encode('aaabcc') → ('a', 3), ('b', 1), ('c', 2)
        #expect("aaabcc".runLengths().map { "\($0.element)\($0.count)" } == ["a3", "b1", "c2"])
    }

    @Test func decodingGivesTheInputBack() {
        let input = [1, 1, 2, 3, 3, 3, 1]
        let decoded = input.runLengths().lazy.flatMap { repeatElement($0.element, count: $0.count) }
        #expect(Array(decoded) == input)
    }

    @Test func readsOneElementPastEachRun() {
        let source = ReportingSequence("aaab")
        var runs = source.runLengths().makeIterator()
        #expect(runs.next()?.count == 3)
        #expect(source.pulls == 4)
        #expect(runs.next()?.count == 1)
        #expect(runs.next() == nil)
        #expect(source.pulls == 5)
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func emptyInput() {
        #expect(Array([Int]().runLengths()).isEmpty)
    }

    @Test func releasesItsBaseOnceItRunsOut() {
        let log = EventLog()
        var runs = ReleaseWitnessSequence([1, 1], log: log).runLengths().makeIterator()
        #expect(runs.next()?.count == 2)
        #expect(log.events == ["released"])
    }
}
