extension AsyncSequence {
    /// Hands out every element, at least `interval` after the one before it
    /// (aiostream's `spaceout`): a rate limit that waits, never drops.
    ///
    /// ```swift
    /// for try await request in requests.spaced(by: .milliseconds(100)) {
    ///     try await send(request)    // at most ten a second
    /// }
    /// ```
    ///
    /// swift-async-algorithms' `debounce` and `throttle` drop elements to
    /// keep their pace; this one delays them.
    ///
    /// - Important: The wait is a `clock.sleep`, so it throws
    ///   `CancellationError` when the consumer's task is cancelled.
    /// - Parameters:
    ///   - interval: The least time between two elements handed out.
    ///   - clock: The clock that measures it.
    /// - Complexity: O(1) per element.
    public func spaced<C: Clock>(by interval: C.Duration, clock: C) -> AsyncSpacedSequence<Self, C> {
        AsyncSpacedSequence(base: self, interval: interval, clock: clock)
    }

    /// Hands out every element, at least `interval` after the one before it,
    /// measured by the continuous clock.
    public func spaced(by interval: Duration) -> AsyncSpacedSequence<Self, ContinuousClock> {
        spaced(by: interval, clock: ContinuousClock())
    }
}

/// An async sequence whose elements are handed out at least an interval
/// apart; see `spaced(by:clock:)`.
public struct AsyncSpacedSequence<Base: AsyncSequence, C: Clock>: AsyncSequence {
    public typealias Element = Base.Element

    let base: Base
    let interval: C.Duration
    let clock: C

    init(base: Base, interval: C.Duration, clock: C) {
        self.base = base
        self.interval = interval
        self.clock = clock
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), interval: interval, clock: clock)
    }

    /// Remembers when it handed out the last element.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let interval: C.Duration
        let clock: C
        var last: C.Instant?

        init(base: Base.AsyncIterator, interval: C.Duration, clock: C) {
            self.base = base
            self.interval = interval
            self.clock = clock
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> Element? {
            guard let element = try await base.next(isolation: actor) else { return nil }
            if let last {
                let due = last.advanced(by: interval)
                if clock.now < due { try await clock.sleep(until: due, tolerance: nil) }
            }
            last = clock.now
            return element
        }
    }
}

extension AsyncSpacedSequence: Sendable where Base: Sendable, C: Sendable, C.Duration: Sendable {}

@available(*, unavailable)
extension AsyncSpacedSequence.AsyncIterator: Sendable {}
