import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct AsyncSpacedSequenceTests {
    @Test func elementsComeAtLeastTheIntervalApart() async throws {
        let clock = ContinuousClock()
        var times: [ContinuousClock.Instant] = []
        var values: [Int] = []
        for try await value in asyncNumbers(0..<4).spaced(by: .milliseconds(20), clock: clock) {
            times.append(clock.now)
            values.append(value)
        }
        #expect(values == [0, 1, 2, 3])
        // Sleeps never end early, so this lower bound holds on any machine.
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(earlier.duration(to: later) >= .milliseconds(20))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationEndsTheWait() async throws {
        let log = AsyncEventLog()
        let consumer = consumingTask(asyncNumbers(0..<2).spaced(by: .seconds(3600))) { _ in log.record("first") }
        // Cancel during the hour-long wait for the second element, not
        // before the first (which would end the base, not the wait).
        await log.waitFor("first")
        consumer.cancel()
        #expect(await consumer.value == "CancellationError")
    }

    @Test func passesAnErrorOn() async {
        let failing = AsyncGenerator<Int> { g in
            try await g.yield(1)
            throw TestError("base")
        }
        await #expect(throws: TestError("base")) {
            for try await _ in failing.spaced(by: .milliseconds(1)) {}
        }
    }
}
