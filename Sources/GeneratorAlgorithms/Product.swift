/// Every way to pick one element from each sequence, in odometer order: the
/// last sequence varies fastest (Python's `itertools.product(*iterables)`).
///
/// ```swift
/// print(product(["AB", "xy", "12"].map(Array.init)).map { String($0) })
/// // ["Ax1", "Ax2", "Ay1", "Ay2", "Bx1", "Bx2", "By1", "By2"]
/// ```
///
/// Like Python, it reads every sequence first. swift-algorithms' `product(_:_:)`
/// pairs two sequences of any types; this one takes any number of one type.
/// No sequence gives one empty pick; an empty sequence gives none.
///
/// - Complexity: O(*n*) to create, for *n* elements in all; O(*k*) per pick
///   of *k* elements.
public func product<Base: Sequence>(_ sequences: some Sequence<Base>) -> ProductSequence<Base.Element> {
    ProductSequence(pools: sequences.map { Array($0) })
}

extension Sequence {
    /// Every way to pick `count` elements in a row from this sequence, in
    /// odometer order (Python's `itertools.product(iterable, repeat=count)`).
    ///
    /// ```swift
    /// print([0, 1].product(repeating: 2))   // [[0, 0], [0, 1], [1, 0], [1, 1]]
    /// ```
    ///
    /// A count of 0 gives one empty pick and reads nothing, as in Python, so
    /// it is safe on an endless generator.
    ///
    /// - Important: `count` must not be negative; a negative count traps.
    /// - Complexity: O(*n*) to create (O(1) for a count of 0); O(`count`)
    ///   per pick.
    public func product(repeating count: Int) -> ProductSequence<Element> {
        precondition(count >= 0, "product(repeating:) needs a count of at least 0")
        guard count > 0 else { return ProductSequence(pools: []) }
        return ProductSequence(pools: Array(repeating: Array(self), count: count))
    }
}

/// The Cartesian product of some arrays of elements; see ``product(_:)``.
public struct ProductSequence<Element> {
    @usableFromInline
    let pools: [[Element]]

    @inlinable
    init(pools: [[Element]]) {
        self.pools = pools
    }
}

extension ProductSequence: Sequence {
    /// Steps an odometer of indices, one per pool.
    public struct Iterator: IteratorProtocol {
        @usableFromInline
        let pools: [[Element]]
        /// The next pick's indices; `nil` after the last.
        @usableFromInline
        var indices: [Int]?

        @inlinable
        init(pools: [[Element]]) {
            self.pools = pools
            indices = pools.contains(where: \.isEmpty) ? nil : Array(repeating: 0, count: pools.count)
        }

        @inlinable
        public mutating func next() -> [Element]? {
            guard var current = indices else { return nil }
            // Let go of the stored copy, so advancing `current` does not copy it.
            indices = nil
            let pick = zip(pools, current).map { pool, index in pool[index] }
            // Advance the rightmost wheel that can, resetting those after it.
            var wheel = current.count - 1
            while wheel >= 0, current[wheel] == pools[wheel].count - 1 {
                current[wheel] = 0
                wheel -= 1
            }
            if wheel >= 0 {
                current[wheel] += 1
                indices = current
            }
            return pick
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(pools: pools)
    }
}

extension ProductSequence: Sendable where Element: Sendable {}
extension ProductSequence.Iterator: Sendable where Element: Sendable {}
