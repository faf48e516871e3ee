import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct AsyncTimeoutSequenceTests {
    @Test func elementsThatComeInTimePassThrough() async throws {
        var values: [Int] = []
        for try await value in asyncNumbers(0..<5).timeout(after: .seconds(60)) { values.append(value) }
        #expect(values == [0, 1, 2, 3, 4])
    }

    @Test(.timeLimit(.minutes(1)))
    func aSilentSourceTimesOutAndIsCancelled() async throws {
        let log = AsyncEventLog()
        // Silent from the start, so the verdict does not depend on how fast
        // the machine is.
        let silent = sleepingGenerator("source", log: log)
        var iterator = silent.timeout(after: .milliseconds(50)).makeAsyncIterator()
        await #expect(throws: AsyncTimeoutError()) { try await iterator.next() }
        await log.waitFor("source saw CancellationError")
        #expect(try await iterator.next() == nil)
    }

    @Test func anErrorFromTheSourcePassesThrough() async {
        let failing = AsyncGenerator<Int> { _ in throw TestError("source") }
        await #expect(throws: TestError("source")) {
            for try await _ in failing.timeout(after: .seconds(60)) {}
        }
    }

    @Test func theErrorDescribesItself() {
        #expect(AsyncTimeoutError().description == "the next element took too long")
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheConsumerCancelsTheSource() async throws {
        let log = AsyncEventLog()
        let quiet = sleepingGenerator("source", log: log)
        let consumer = consumingTask(quiet.timeout(after: .seconds(3600)))
        await log.waitFor("source started")
        consumer.cancel()
        #expect(await consumer.value == "CancellationError")
        await log.waitFor("source saw CancellationError")
    }
}
