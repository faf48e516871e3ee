import Generators

extension AsyncSequence where Self: Sendable, Element: Sendable {
    /// Ends with ``AsyncTimeoutError`` when the next element takes longer
    /// than `duration` to come (aiostream's `timeout`, Kotlin's
    /// `Flow.timeout`).
    ///
    /// ```swift
    /// for try await reading in sensor.readings.timeout(after: .seconds(5)) {
    ///     print(reading)
    /// }
    /// // throws AsyncTimeoutError if the sensor is silent for 5 seconds
    /// ```
    ///
    /// The sequence is read in a task of its own (an `AsyncGenerator`),
    /// so that a read that takes too long can be abandoned: on a timeout
    /// that task is cancelled, and the sequence ends.
    ///
    /// - Important: Abandoning a read needs the sequence to respond to
    ///   cancellation. A read that ignores it (an `await` that cannot be
    ///   cancelled) holds the timeout error back until it ends.
    /// - Parameters:
    ///   - duration: The longest wait for each element, the first included.
    ///   - clock: The clock that measures it.
    /// - Complexity: Two child tasks per element: use it for sequences whose
    ///   elements take a while, not for tight loops.
    public func timeout<C: Clock>(after duration: C.Duration, clock: C) -> AsyncTimeoutSequence<Self, C> {
        AsyncTimeoutSequence(base: self, duration: duration, clock: clock)
    }

    /// Ends with ``AsyncTimeoutError`` when the next element takes longer
    /// than `duration` to come, measured by the continuous clock.
    public func timeout(after duration: Duration) -> AsyncTimeoutSequence<Self, ContinuousClock> {
        timeout(after: duration, clock: ContinuousClock())
    }
}

/// The error an async sequence with a `timeout(after:)` ends with when an
/// element takes too long.
public struct AsyncTimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    public init() {}

    public var description: String { "the next element took too long" }
}

/// An async sequence that ends with ``AsyncTimeoutError`` when an element
/// takes too long; see `timeout(after:clock:)`.
public struct AsyncTimeoutSequence<Base: AsyncSequence & Sendable, C: Clock>: AsyncSequence, Sendable
where Base.Element: Sendable {
    public typealias Element = Base.Element

    let base: Base
    let duration: C.Duration
    let clock: C

    init(base: Base, duration: C.Duration, clock: C) {
        self.base = base
        self.duration = duration
        self.clock = clock
    }

    public func makeAsyncIterator() -> AsyncIterator {
        let base = self.base
        let source = AsyncGenerator<Element> { g in
            try await g.yield(from: base)
        }
        return AsyncIterator(source: source, duration: duration, clock: clock)
    }

    /// Races each read of the sequence against the clock.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let source: AsyncGenerator<Element>
        let duration: C.Duration
        let clock: C
        var finished = false

        init(source: AsyncGenerator<Element>, duration: C.Duration, clock: C) {
            self.source = source
            self.duration = duration
            self.clock = clock
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> Element? {
            guard !finished else { return nil }
            let (source, duration, clock) = (self.source, self.duration, self.clock)
            do {
                let element = try await withThrowingTaskGroup(of: Element?.self, isolation: actor) { group in
                    group.addTask { try await source.next() }
                    group.addTask {
                        try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil)
                        throw AsyncTimeoutError()
                    }
                    // The loser is cancelled: a late read ends the source's
                    // task, a sleep ends at once.
                    defer { group.cancelAll() }
                    return try await group.next() ?? nil
                }
                if element == nil { finished = true }
                return element
            } catch {
                finished = true
                throw error
            }
        }
    }
}

@available(*, unavailable)
extension AsyncTimeoutSequence.AsyncIterator: Sendable {}
