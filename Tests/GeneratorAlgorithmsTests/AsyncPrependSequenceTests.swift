import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct AsyncPrependSequenceTests {
    @Test func prependedElementsComeFirst() async throws {
        var values: [Int] = []
        for try await value in asyncNumbers(1..<3).prepending(0) { values.append(value) }
        #expect(values == [0, 1, 2])
        values = []
        for try await value in asyncNumbers(5..<6).prepending(contentsOf: [3, 4]) { values.append(value) }
        #expect(values == [3, 4, 5])
    }

    @Test func theBaseIsNotReadBeforeThePrefixIsOut() async throws {
        let log = AsyncEventLog()
        let source = AsyncGenerator<Int> { g in
            log.record("base started")
            try await g.yield(1)
        }
        var iterator = source.prepending(0).makeAsyncIterator()
        #expect(try await iterator.next() == 0)
        #expect(log.events.isEmpty)
        #expect(try await iterator.next() == 1)
        #expect(log.events == ["base started"])
    }

    @Test func passesAnErrorOnAfterThePrefix() async {
        let failing = AsyncGenerator<Int> { _ in throw TestError("base") }
        var seen: [Int] = []
        await #expect(throws: TestError("base")) {
            for try await value in failing.prepending(0) { seen.append(value) }
        }
        #expect(seen == [0])
    }
}
