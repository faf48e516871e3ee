extension AsyncSequence {
    /// Hands out `element` first, then the sequence's elements (aiostream's
    /// `prepend`, Kotlin's `onStart { emit(element) }`).
    ///
    /// ```swift
    /// for try await row in rows.prepending("id,name") { print(row) }
    /// // id,name
    /// // …the rows
    /// ```
    ///
    /// swift-async-algorithms' `chain([element].async, rows)` gives the same
    /// elements; this keeps the sequence's typed `Failure` and reads it on
    /// the caller's isolation (`next(isolation:)`), which `chain` does not.
    ///
    /// - Complexity: O(1) per element.
    public func prepending(_ element: Element) -> AsyncPrependSequence<Self> {
        AsyncPrependSequence(prefix: [element], base: self)
    }

    /// Hands out `elements` first, then the sequence's elements.
    ///
    /// - Complexity: O(*k*) to create, for *k* elements to prepend; O(1) per
    ///   element.
    public func prepending(contentsOf elements: some Sequence<Element>) -> AsyncPrependSequence<Self> {
        AsyncPrependSequence(prefix: Array(elements), base: self)
    }
}

/// An async sequence with some elements before its own; see
/// `prepending(_:)`.
public struct AsyncPrependSequence<Base: AsyncSequence>: AsyncSequence {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    let prefix: [Base.Element]
    let base: Base

    init(prefix: [Base.Element], base: Base) {
        self.prefix = prefix
        self.base = base
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(prefix: prefix.makeIterator(), base: base.makeAsyncIterator())
    }

    /// Hands out the prefix, then reads the base (not before).
    public struct AsyncIterator: AsyncIteratorProtocol {
        var prefix: IndexingIterator<[Base.Element]>
        var base: Base.AsyncIterator

        init(prefix: IndexingIterator<[Base.Element]>, base: Base.AsyncIterator) {
            self.prefix = prefix
            self.base = base
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Failure) -> Element? {
            if let element = prefix.next() { return element }
            return try await base.next(isolation: actor)
        }
    }
}

extension AsyncPrependSequence: Sendable where Base: Sendable, Base.Element: Sendable {}

@available(*, unavailable)
extension AsyncPrependSequence.AsyncIterator: Sendable {}
