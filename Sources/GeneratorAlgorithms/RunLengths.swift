extension Sequence where Element: Equatable {
    /// Each run of equal consecutive elements as the element and the length
    /// of the run (more-itertools' `run_length.encode`).
    ///
    /// ```swift
    /// print(Array("aaabcc".runLengths()).map { "\($0.element)\($0.count)" })   // ["a3", "b1", "c2"]
    /// ```
    ///
    /// It keeps one element and a count, not the run; to decode, use
    /// `.lazy.flatMap { repeatElement($0.element, count: $0.count) }`.
    ///
    /// - Complexity: O(1) to create; O(*k*) for a run of *k* elements, which
    ///   it reads with the first element after it.
    @inlinable
    public func runLengths() -> RunLengthsSequence<Self> {
        RunLengthsSequence(base: self)
    }
}

/// The runs of equal consecutive elements of a base sequence, counted; see
/// `runLengths()`.
public struct RunLengthsSequence<Base: Sequence> where Base.Element: Equatable {
    @usableFromInline
    let base: Base

    @inlinable
    init(base: Base) {
        self.base = base
    }
}

extension RunLengthsSequence: Sequence {
    /// Counts a run, keeping the first element of the next one.
    public struct Iterator: IteratorProtocol {
        /// `nil` once the base has run out.
        @usableFromInline
        var base: Base.Iterator?
        @usableFromInline
        var pending: Base.Element?

        @inlinable
        init(base: Base.Iterator) {
            self.base = base
        }

        @inlinable
        public mutating func next() -> (element: Base.Element, count: Int)? {
            guard let first = pending ?? base?.next() else {
                base = nil
                return nil
            }
            pending = nil
            var count = 1
            while let element = base?.next() {
                guard element == first else {
                    pending = element
                    return (first, count)
                }
                count += 1
            }
            base = nil
            return (first, count)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator())
    }
}

extension RunLengthsSequence: LazySequenceProtocol where Base: LazySequenceProtocol {}
extension RunLengthsSequence: Sendable where Base: Sendable {}
extension RunLengthsSequence.Iterator: Sendable where Base.Iterator: Sendable, Base.Element: Sendable {}
