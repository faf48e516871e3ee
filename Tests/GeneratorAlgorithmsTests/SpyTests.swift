import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct SpyTests {
    @Test func spyMatchesMoreItertools() {
        // head, it = spy('abcdefg', 3) → ['a', 'b', 'c'], then all of abcdefg
        let (head, all) = "abcdefg".spy(3)
        #expect(String(head) == "abc")
        #expect(String(all) == "abcdefg")
    }

    @Test func spyReadsOnlyTheHead() {
        let source = ReportingSequence(1...10)
        let (head, all) = source.spy(2)
        #expect(head == [1, 2])
        #expect(source.pulls == 2)
        var rest = all
        #expect(rest.next() == 1)
        #expect(source.pulls == 2)
        #expect(Array(rest) == Array(2...10))
    }

    @Test func spyOnAShortSequence() {
        let (head, all) = [1].spy(3)
        #expect(head == [1])
        #expect(Array(all) == [1])
    }

    @Test func elementAtOffsetMatchesNth() {
        // nth(range(10), 3) → 3; nth(range(3), 5) → None
        #expect((0..<10).element(atOffset: 3) == 3)
        #expect((0..<3).element(atOffset: 5) == nil)
        let source = ReportingSequence(0..<100)
        #expect(source.element(atOffset: 4) == 4)
        #expect(source.pulls == 5)
    }

    @Test func advanceSkipsLikeConsume() {
        // it = iter(range(10)); consume(it, 4); next(it) → 4
        var numbers = (0..<10).makeIterator()
        #expect(numbers.advance(by: 4) == 4)
        #expect(numbers.next() == 4)
        #expect(numbers.advance(by: 100) == 5)
        #expect(numbers.next() == nil)
        var rest = [1, 2, 3].makeIterator()
        #expect(rest.advanceToEnd() == 3)
        #expect(rest.next() == nil)
    }

    @Test func negativeCountsAreProgrammerErrors() async {
        await #expect(processExitsWith: .failure) { _ = [1].spy(-1) }
        await #expect(processExitsWith: .failure) { _ = [1].element(atOffset: -1) }
        await #expect(processExitsWith: .failure) {
            var iterator = [1].makeIterator()
            iterator.advance(by: -1)
        }
    }
}
