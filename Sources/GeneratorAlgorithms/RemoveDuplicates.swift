extension Sequence where Element: Equatable {
    /// Drops each element equal to the one before it (more-itertools'
    /// `unique_justseen`; swift-async-algorithms' `removeDuplicates()` for
    /// async sequences).
    ///
    /// ```swift
    /// print(String("AAAABBBCCDAABBB".removeDuplicates()))   // ABCDAB
    /// ```
    ///
    /// - Complexity: O(1) to create; O(1) per element read.
    @inlinable
    public func removeDuplicates() -> RemoveDuplicatesSequence<Self> {
        RemoveDuplicatesSequence(base: self, areEquivalent: ==)
    }
}

extension Sequence {
    /// Drops each element that `areEquivalent` to the one kept before it
    /// (more-itertools' `unique_justseen` with a key: compare the keys).
    ///
    /// ```swift
    /// let words = ["Apple", "apricot", "Banana", "blueberry", "apple"]
    /// print(Array(words.removeDuplicates { $0.first?.lowercased() == $1.first?.lowercased() }))
    /// // ["Apple", "Banana", "apple"]
    /// ```
    ///
    /// - Complexity: O(1) to create; O(1) per element read.
    @inlinable
    public func removeDuplicates(
        by areEquivalent: @escaping (Element, Element) -> Bool
    ) -> RemoveDuplicatesSequence<Self> {
        RemoveDuplicatesSequence(base: self, areEquivalent: areEquivalent)
    }
}

/// A base sequence without its adjacent duplicates; see
/// `removeDuplicates()`.
public struct RemoveDuplicatesSequence<Base: Sequence> {
    @usableFromInline
    let base: Base
    @usableFromInline
    let areEquivalent: (Base.Element, Base.Element) -> Bool

    @inlinable
    init(base: Base, areEquivalent: @escaping (Base.Element, Base.Element) -> Bool) {
        self.base = base
        self.areEquivalent = areEquivalent
    }
}

extension RemoveDuplicatesSequence: Sequence {
    /// Keeps the last element handed out to compare the next ones with.
    public struct Iterator: IteratorProtocol {
        /// `nil` once the base has run out.
        @usableFromInline
        var base: Base.Iterator?
        @usableFromInline
        let areEquivalent: (Base.Element, Base.Element) -> Bool
        @usableFromInline
        var last: Base.Element?

        @inlinable
        init(base: Base.Iterator, areEquivalent: @escaping (Base.Element, Base.Element) -> Bool) {
            self.base = base
            self.areEquivalent = areEquivalent
        }

        @inlinable
        public mutating func next() -> Base.Element? {
            while let element = base?.next() {
                if let last, areEquivalent(last, element) { continue }
                last = element
                return element
            }
            base = nil
            last = nil
            return nil
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator(), areEquivalent: areEquivalent)
    }
}

extension RemoveDuplicatesSequence: LazySequenceProtocol where Base: LazySequenceProtocol {}
