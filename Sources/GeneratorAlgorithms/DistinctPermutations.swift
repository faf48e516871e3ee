extension Sequence where Element: Comparable {
    /// Every distinct ordering of the elements, in lexicographic order
    /// (more-itertools' `distinct_permutations`): equal elements are never
    /// swapped, so `[1, 1, 2]` gives 3 orderings, not 6.
    ///
    /// ```swift
    /// print([2, 1, 1].distinctPermutations().map { $0.map(String.init).joined() })
    /// // ["112", "121", "211"]
    /// ```
    ///
    /// swift-algorithms' `uniquePermutations()` gives the same orderings in
    /// another order; this one matches Python's.
    ///
    /// - Complexity: O(*n* log *n*) to create, for *n* elements (it reads
    ///   them all and sorts them); O(*n*) per ordering.
    public func distinctPermutations() -> DistinctPermutationsSequence<Element> {
        DistinctPermutationsSequence(sorted: sorted())
    }
}

/// The distinct orderings of some elements; see `distinctPermutations()`.
public struct DistinctPermutationsSequence<Element: Comparable> {
    @usableFromInline
    let sorted: [Element]

    @inlinable
    init(sorted: [Element]) {
        self.sorted = sorted
    }
}

extension DistinctPermutationsSequence: Sequence {
    /// Steps from one ordering to the next larger one (Narayana's
    /// algorithm), which never repeats an ordering.
    public struct Iterator: IteratorProtocol {
        /// The next ordering; `nil` after the largest.
        @usableFromInline
        var current: [Element]?

        @inlinable
        init(sorted: [Element]) {
            current = sorted
        }

        @inlinable
        public mutating func next() -> [Element]? {
            guard var elements = current else { return nil }
            let result = elements
            // The rightmost element smaller than its successor...
            var pivot = elements.count - 2
            while pivot >= 0, elements[pivot] >= elements[pivot + 1] { pivot -= 1 }
            if pivot < 0 {
                current = nil
            } else {
                // ...swapped with the rightmost element larger than it, then
                // the tail after it reversed (to ascending order).
                var successor = elements.count - 1
                while elements[successor] <= elements[pivot] { successor -= 1 }
                elements.swapAt(pivot, successor)
                elements[(pivot + 1)...].reverse()
                current = elements
            }
            return result
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(sorted: sorted)
    }
}

extension DistinctPermutationsSequence: Sendable where Element: Sendable {}
extension DistinctPermutationsSequence.Iterator: Sendable where Element: Sendable {}
