import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct BatchedTests {
    @Test func matchesPythonsExample() {
        // batched('ABCDEFG', 3) → ABC DEF G
        let batches = "ABCDEFG".batched(ofCount: 3).map { String($0) }
        #expect(batches == ["ABC", "DEF", "G"])
    }

    @Test func readsOneBatchAtATime() {
        let source = ReportingSequence(1...7)
        var batches = source.batched(ofCount: 3).makeIterator()
        #expect(source.pulls == 0)
        #expect(batches.next() == [1, 2, 3])
        #expect(source.pulls == 3)
        #expect(batches.next() == [4, 5, 6])
        #expect(batches.next() == [7])
        #expect(source.pulls == 8)
        #expect(batches.next() == nil)
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func aBatchLetGoOfLendsItsStorageToTheNextAndAKeptOneStaysIntact() {
        var iterator = (0..<12).batched(ofCount: 3).makeIterator()
        // Dropped before the next: the same storage every time.
        var addresses: Set<UInt> = []
        for _ in 0..<2 {
            let batch = iterator.next()!
            addresses.insert(batch.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
        }
        #expect(addresses.count == 1)
        // Kept: each batch has its own storage and keeps its elements.
        let kept = [iterator.next()!, iterator.next()!]
        #expect(kept == [[6, 7, 8], [9, 10, 11]])
        #expect(iterator.next() == nil)
    }

    @Test func anExactMultipleEndsWithoutAnEmptyBatch() {
        let source = ReportingSequence(1...6)
        #expect(Array(source.batched(ofCount: 2)) == [[1, 2], [3, 4], [5, 6]])
        #expect(source.pulls == 7)
    }

    @Test func aHugeCountOverAShortInputIsOneBatch() {
        #expect(Array([1, 2, 3].batched(ofCount: .max)) == [[1, 2, 3]])
        #expect([1, 2, 3].batched(ofCount: .max).underestimatedCount == 1)
        #expect([1, 2, 3, 4, 5].batched(ofCount: 2).underestimatedCount == 3)
        #expect([Int]().batched(ofCount: 2).underestimatedCount == 0)
    }

    @Test func emptyAndInfiniteInputs() {
        #expect(Array([Int]().batched(ofCount: 4)).isEmpty)
        #expect(Array(naturals().batched(ofCount: 2).prefix(2)) == [[0, 1], [2, 3]])
    }

    @Test func worksOnAGeneratorAndClosesItWhenDropped() {
        let log = EventLog()
        do {
            let numbers = Generator<Int> { g in
                defer { log.record("cleanup") }
                for i in 0..<100 { try g.yield(i) }
            }
            var batches = numbers.batched(ofCount: 10).makeIterator()
            #expect(batches.next() == Array(0..<10))
            #expect(log.events.isEmpty)
        }
        #expect(log.events == ["cleanup"])
    }

    @Test func releasesItsBaseOnceItRunsOut() {
        let log = EventLog()
        var batches = ReleaseWitnessSequence([1, 2, 3], log: log).batched(ofCount: 2).makeIterator()
        #expect(batches.next() == [1, 2])
        #expect(log.events.isEmpty)
        #expect(batches.next() == [3])
        #expect(log.events == ["released"])
    }

    @Test func aCountBelowOneIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            _ = [1, 2, 3].batched(ofCount: 0)
        }
    }
}
