extension AsyncSequence {
    /// Pairs each element with its offset from the start, like
    /// `Sequence.enumerated()` (Python's `enumerate` over an async
    /// iterator; aiostream's `enumerate`).
    ///
    /// ```swift
    /// for try await (offset, line) in lines.enumerated() { print(offset, line) }
    /// // 0 first line
    /// // 1 second line
    /// ```
    ///
    /// - Complexity: O(1) per element.
    public func enumerated() -> AsyncEnumeratedSequence<Self> {
        AsyncEnumeratedSequence(base: self)
    }
}

/// An async sequence whose elements are paired with their offsets; see
/// `enumerated()`.
public struct AsyncEnumeratedSequence<Base: AsyncSequence>: AsyncSequence {
    public typealias Element = (offset: Int, element: Base.Element)
    public typealias Failure = Base.Failure

    let base: Base

    init(base: Base) {
        self.base = base
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator())
    }

    /// Counts the elements as it hands them out.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var offset = 0

        init(base: Base.AsyncIterator) {
            self.base = base
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Failure) -> Element? {
            guard let element = try await base.next(isolation: actor) else { return nil }
            defer { offset += 1 }
            return (offset, element)
        }
    }
}

extension AsyncEnumeratedSequence: Sendable where Base: Sendable {}

@available(*, unavailable)
extension AsyncEnumeratedSequence.AsyncIterator: Sendable {}
