import GeneratorAlgorithms
import Generators
import Synchronization
import Testing
import _GeneratorsTestSupport

@Suite struct AsyncMergingFlatMapSequenceTests {
    @Test func mergeHandsOutEveryElementKeepingEachSourcesOrder() async throws {
        let merged = merge([asyncNumbers(0..<50), asyncNumbers(100..<150), asyncNumbers(200..<250)])
        var values: [Int] = []
        for try await value in merged { values.append(value) }
        #expect(values.sorted() == Array(0..<50) + Array(100..<150) + Array(200..<250))
        for range in [0..<50, 100..<150, 200..<250] {
            #expect(values.filter { range.contains($0) } == Array(range))
        }
    }

    @Test func mergeOfNothingIsEmpty() async throws {
        var count = 0
        for try await _ in merge([AsyncGenerator<Int>]()) { count += 1 }
        #expect(count == 0)
    }

    @Test func readsTheBaseAndEachInnerSequenceOneReadAtATime() async throws {
        let inners = (0..<10).map { OverlapCountingSequence($0 * 100..<$0 * 100 + 30) }
        let base = OverlapCountingSequence(0..<10)
        let flattened = base.flatMap(maxConcurrency: 4) { inners[$0] }
        var values: [Int] = []
        for try await value in flattened { values.append(value) }
        #expect(values.sorted() == inners.flatMap { Array($0.range) })
        #expect(base.counts.mostAtOnce == 1)
        #expect(inners.map(\.counts.mostAtOnce) == Array(repeating: 1, count: 10))
    }

    @Test func mergeReadsEachSourceAtMostOneAhead() async throws {
        let produced = Atomic<Int>(0)
        func counter(_ start: Int) -> AsyncGenerator<Int> {
            AsyncGenerator { g in
                var i = start
                while true {
                    produced.add(1, ordering: .sequentiallyConsistent)
                    try await g.yield(i)
                    i += 1
                }
            }
        }
        let iterator = merge([counter(0), counter(1000)]).makeAsyncIterator()
        for _ in 0..<10 { _ = try await iterator.next() }
        // Ten handed out, and at most one read in flight per source.
        #expect(produced.load(ordering: .sequentiallyConsistent) <= 10 + 2)
    }

    @Test func flatMapWithWidthOneKeepsTheOrder() async throws {
        let expanded = asyncNumbers(0..<4).flatMap(maxConcurrency: 1) { n in asyncNumbers(0..<n) }
        var values: [Int] = []
        for try await value in expanded { values.append(value) }
        #expect(values == [0, 0, 1, 0, 1, 2])
    }

    @Test(.timeLimit(.minutes(1)))
    func flatMapReadsAtMostTheWidthOfInnerSequencesAtOnce() async throws {
        let active = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let expanded = asyncNumbers(0..<20).flatMap(maxConcurrency: 3) { n in
            AsyncGenerator<Int> { g in
                let now = active.add(1, ordering: .sequentiallyConsistent).newValue
                most.max(now, ordering: .sequentiallyConsistent)
                defer { active.subtract(1, ordering: .sequentiallyConsistent) }
                for i in 0..<5 { try await g.yield(n * 10 + i) }
            }
        }
        var values: [Int] = []
        for try await value in expanded { values.append(value) }
        let expected: [Int] = (0..<20).flatMap { n in (0..<5).map { n * 10 + $0 } }
        #expect(values.sorted() == expected)
        #expect(most.load(ordering: .sequentiallyConsistent) <= 3)
    }

    @Test func anErrorFromAnInnerSequenceEndsTheResult() async {
        let expanded = asyncNumbers(0..<5).flatMap(maxConcurrency: 2) { n in
            AsyncGenerator<Int> { g in
                if n == 2 { throw TestError("inner") }
                try await g.yield(n)
            }
        }
        await #expect(throws: TestError("inner")) {
            for try await _ in expanded {}
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func stoppingEarlyCancelsTheReads() async throws {
        let log = AsyncEventLog()
        let quiet = sleepingGenerator("quiet", log: log)
        do {
            let iterator = merge([asyncNumbers(0..<10), quiet]).makeAsyncIterator()
            #expect(try await iterator.next() != nil)
            await log.waitFor("quiet started")
        }
        await log.waitFor("quiet saw CancellationError")
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheConsumerCancelsTheReads() async throws {
        let log = AsyncEventLog()
        let quiet = sleepingGenerator("quiet", log: log)
        let consumer = consumingTask(merge([quiet]))
        await log.waitFor("quiet started")
        consumer.cancel()
        #expect(await consumer.value == "CancellationError")
        await log.waitFor("quiet saw CancellationError")
    }
}
