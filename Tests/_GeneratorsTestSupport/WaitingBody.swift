import Generators
import Testing

/// A body that yields 1, records "waiting" and sleeps for an hour; its
/// cleanup records "cleanup". For tests of cancellation.
public func yieldsOneThenWaits(_ log: AsyncEventLog) -> @Sendable (AsyncGenerator<Int>.Yielder) async throws -> Void {
    { g in
        defer { log.record("cleanup") }
        try await g.yield(1)
        log.record("waiting")
        try await Task.sleep(for: .seconds(3600))
    }
}

/// Cancels `consumer` once the body of ``yieldsOneThenWaits(_:)`` waits, and
/// expects the consumer to end with `CancellationError` after the body's
/// cleanup ran.
public func expectCancellingTheConsumerEndsTheWait(
    _ consumer: Task<Int?, any Error>,
    log: AsyncEventLog,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    await log.waitFor("waiting")
    consumer.cancel()
    await #expect(throws: CancellationError.self, sourceLocation: sourceLocation) { try await consumer.value }
    #expect(log.events == ["waiting", "cleanup"], sourceLocation: sourceLocation)
}
