extension Sequence {
    /// Every way to choose `count` elements when each may be chosen again,
    /// in the order of the elements' positions (Python's
    /// `itertools.combinations_with_replacement`).
    ///
    /// ```swift
    /// let picks = "ABC".combinationsWithReplacement(ofCount: 2).map { String($0) }
    /// print(picks)                 // ["AA", "AB", "AC", "BB", "BC", "CC"]
    /// ```
    ///
    /// Like Python, it reads the whole sequence first. A count of 0 gives
    /// one empty combination; an empty sequence gives none for a count
    /// above 0.
    ///
    /// - Important: `count` must not be negative; a negative count traps.
    /// - Complexity: O(*n*) to create, for *n* elements; O(`count`) per
    ///   combination.
    @inlinable
    public func combinationsWithReplacement(ofCount count: Int) -> CombinationsWithReplacementSequence<Element> {
        precondition(count >= 0, "combinationsWithReplacement(ofCount:) needs a count of at least 0")
        return CombinationsWithReplacementSequence(elements: Array(self), count: count)
    }
}

/// The combinations with repetition of some elements; see
/// `combinationsWithReplacement(ofCount:)`.
public struct CombinationsWithReplacementSequence<Element> {
    @usableFromInline
    let elements: [Element]
    /// The number of elements in each combination.
    public let count: Int

    @inlinable
    init(elements: [Element], count: Int) {
        self.elements = elements
        self.count = count
    }
}

extension CombinationsWithReplacementSequence: Sequence {
    /// Steps through index lists in lexicographic order, each
    /// non-decreasing.
    public struct Iterator: IteratorProtocol {
        @usableFromInline
        let elements: [Element]
        /// The next combination's indices; `nil` at the end.
        @usableFromInline
        var indices: [Int]?

        @inlinable
        init(elements: [Element], count: Int) {
            self.elements = elements
            indices = elements.isEmpty && count > 0 ? nil : Array(repeating: 0, count: count)
        }

        @inlinable
        public mutating func next() -> [Element]? {
            guard var current = indices else { return nil }
            // Let go of the stored copy, so advancing `current` does not copy it.
            indices = nil
            let combination = current.map { elements[$0] }
            // The rightmost index that can still grow, and everything after
            // it set to its new value.
            let last = elements.count - 1
            if let position = current.lastIndex(where: { $0 != last }) {
                let value = current[position] + 1
                for index in position..<current.count { current[index] = value }
                indices = current
            }
            return combination
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(elements: elements, count: count)
    }
}

extension CombinationsWithReplacementSequence: Sendable where Element: Sendable {}
extension CombinationsWithReplacementSequence.Iterator: Sendable where Element: Sendable {}
