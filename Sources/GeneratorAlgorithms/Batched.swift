extension Sequence {
    /// Groups the elements into arrays of `count`, in order; the last array
    /// is shorter when the elements run out (Python's `itertools.batched`).
    ///
    /// Unlike swift-algorithms' `chunks(ofCount:)`, which needs a
    /// `Collection`, this reads any sequence once, so it works on a
    /// generator:
    ///
    /// ```swift
    /// let numbers = Generator<Int> { g in for i in 1...7 { try g.yield(i) } }
    /// for batch in numbers.batched(ofCount: 3) { print(batch) }
    /// // [1, 2, 3]
    /// // [4, 5, 6]
    /// // [7]
    /// ```
    ///
    /// - Important: `count` must be at least 1 (Python raises `ValueError`;
    ///   here it is a programmer error that traps).
    /// - Parameter count: The size of every batch but the last.
    /// - Returns: A lazy sequence of arrays. It reads `count` elements for
    ///   each batch and nothing ahead, and lets go of the base's iterator
    ///   once it has run out.
    /// - Complexity: O(1) to create; O(`count`) per batch. A batch the
    ///   caller has let go of before asking for the next is reused: no
    ///   allocation per batch then.
    @inlinable
    public func batched(ofCount count: Int) -> BatchedSequence<Self> {
        precondition(count >= 1, "batched(ofCount:) needs a count of at least 1")
        return BatchedSequence(base: self, count: count)
    }
}

/// A sequence of arrays of consecutive elements of a base sequence; see
/// `batched(ofCount:)`.
public struct BatchedSequence<Base: Sequence> {
    @usableFromInline
    let base: Base
    /// The size of every batch but the last.
    public let count: Int

    @inlinable
    init(base: Base, count: Int) {
        self.base = base
        self.count = count
    }
}

extension BatchedSequence: Sequence {
    /// Reads the base one batch at a time.
    public struct Iterator: IteratorProtocol {
        /// `nil` once the base has run out.
        @usableFromInline
        var base: Base.Iterator?
        @usableFromInline
        let count: Int
        /// The last batch returned. Its storage is reused for the next one
        /// if the caller has let go of it by then (the array is then ours
        /// alone), so a consumer that keeps no batch allocates none.
        @usableFromInline
        var batch: [Base.Element] = []

        @inlinable
        init(base: Base.Iterator, count: Int) {
            self.base = base
            self.count = count
        }

        @inlinable
        public mutating func next() -> [Base.Element]? {
            guard let first = base?.next() else {
                base = nil
                batch = []
                return nil
            }
            // Keeps the storage while this array is ours alone; otherwise
            // (the caller still holds the last batch) makes new storage of
            // the same capacity.
            batch.removeAll(keepingCapacity: true)
            // Room for the whole batch, up to a bound: a huge `count` over a
            // short input must not allocate `count` slots.
            batch.reserveCapacity(Swift.min(count, 4096))
            batch.append(first)
            while batch.count < count {
                guard let element = base?.next() else {
                    base = nil
                    break
                }
                batch.append(element)
            }
            return batch
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator(), count: count)
    }

    @inlinable
    public var underestimatedCount: Int {
        let elements = base.underestimatedCount
        return elements / count + (elements % count == 0 ? 0 : 1)
    }
}

extension BatchedSequence: LazySequenceProtocol where Base: LazySequenceProtocol {}
extension BatchedSequence: Sendable where Base: Sendable {}
extension BatchedSequence.Iterator: Sendable where Base.Iterator: Sendable, Base.Element: Sendable {}
