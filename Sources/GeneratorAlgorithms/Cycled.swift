extension Sequence {
    /// Repeats the elements forever (Python's `itertools.cycle`): it reads
    /// the sequence once, keeps a copy, and then replays the copy.
    ///
    /// swift-algorithms' `cycled()` on a `Collection` walks the collection
    /// again instead of copying it; for a collection, that one is chosen when
    /// both modules are imported.
    ///
    /// ```swift
    /// let colors = Generator<String> { g in for c in ["red", "green"] { try g.yield(c) } }
    /// print(Array(colors.cycled().prefix(5)))
    /// // ["red", "green", "red", "green", "red"]
    /// ```
    ///
    /// An empty sequence gives an empty result.
    ///
    /// - Important: The result is infinite unless the sequence is empty.
    /// - Complexity: O(1) to create; O(1) per element; O(*n*) memory for a
    ///   sequence of *n* elements.
    @inlinable
    public func cycled() -> CycledSequence<Self> {
        CycledSequence(base: self)
    }
}

/// A base sequence's elements, repeated forever; see
/// `cycled()`.
public struct CycledSequence<Base: Sequence> {
    @usableFromInline
    let base: Base

    @inlinable
    init(base: Base) {
        self.base = base
    }
}

extension CycledSequence: Sequence {
    /// Reads the base once, then replays what it saved.
    public struct Iterator: IteratorProtocol {
        /// `nil` once the first pass is over.
        @usableFromInline
        var base: Base.Iterator?
        @usableFromInline
        var saved: [Base.Element] = []
        @usableFromInline
        var index = 0

        @inlinable
        init(base: Base.Iterator) {
            self.base = base
        }

        @inlinable
        public mutating func next() -> Base.Element? {
            if base != nil {
                if let element = base?.next() {
                    saved.append(element)
                    return element
                }
                base = nil
            }
            guard !saved.isEmpty else { return nil }
            defer { index = index + 1 == saved.count ? 0 : index + 1 }
            return saved[index]
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator())
    }
}

extension CycledSequence: LazySequenceProtocol where Base: LazySequenceProtocol {}
extension CycledSequence: Sendable where Base: Sendable {}
extension CycledSequence.Iterator: Sendable where Base.Iterator: Sendable, Base.Element: Sendable {}
