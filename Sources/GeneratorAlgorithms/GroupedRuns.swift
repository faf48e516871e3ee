extension Sequence {
    /// Groups runs of consecutive elements with the same key: each element
    /// is `(key, elements)` (Python's `itertools.groupby`).
    ///
    /// Like Python, it groups only *consecutive* elements: sort first to
    /// group all equal keys together. To finish a group it must read the
    /// first element of the next one.
    ///
    /// ```swift
    /// let words = Generator<String> { g in
    ///     for w in ["apple", "avocado", "banana", "cherry", "cranberry"] { try g.yield(w) }
    /// }
    /// for (letter, group) in words.groupedRuns(by: \.first!) { print(letter, group) }
    /// // a ["apple", "avocado"]
    /// // b ["banana"]
    /// // c ["cherry", "cranberry"]
    /// ```
    ///
    /// Python's groups share the underlying iterator, so advancing
    /// `groupby` empties the groups handed out before. Here each group is an
    /// array of its own that stays valid: the price is that one group at a
    /// time is held in memory.
    ///
    /// - Parameter key: Computes each element's key, once per element.
    /// - Returns: A lazy sequence of `(key, elements)` pairs.
    /// - Complexity: O(1) to create; O(*k*) for a group of *k* elements. A
    ///   group the caller has let go of before asking for the next has its
    ///   storage reused (up to 4,096 elements).
    @inlinable
    public func groupedRuns<Key: Equatable>(
        by key: @escaping (Element) -> Key
    ) -> GroupedRunsSequence<Self, Key> {
        GroupedRunsSequence(base: self, key: key)
    }
}

extension Sequence where Element: Equatable {
    /// Groups runs of equal consecutive elements (Python's
    /// `itertools.groupby` without a key function).
    ///
    /// ```swift
    /// for (value, run) in [1, 1, 2, 3, 3, 3].groupedRuns() { print(value, run.count) }
    /// // 1 2
    /// // 2 1
    /// // 3 3
    /// ```
    ///
    /// - Complexity: O(1) to create; O(*k*) for a run of *k* elements. A
    ///   run the caller has let go of before asking for the next has its
    ///   storage reused (up to 4,096 elements).
    @inlinable
    public func groupedRuns() -> GroupedRunsSequence<Self, Element> {
        GroupedRunsSequence(base: self, key: { $0 })
    }
}

/// The runs of consecutive elements with equal keys of a base sequence;
/// see `groupedRuns(by:)`.
public struct GroupedRunsSequence<Base: Sequence, Key: Equatable> {
    @usableFromInline
    let base: Base
    @usableFromInline
    let key: (Base.Element) -> Key

    @inlinable
    init(base: Base, key: @escaping (Base.Element) -> Key) {
        self.base = base
        self.key = key
    }
}

extension GroupedRunsSequence: Sequence {
    /// Holds the group being built and the first element of the next.
    public struct Iterator: IteratorProtocol {
        /// `nil` once the base has run out.
        @usableFromInline
        var base: Base.Iterator?
        @usableFromInline
        let key: (Base.Element) -> Key
        /// The first element of the next group, read to end the last one.
        @usableFromInline
        var pending: (element: Base.Element, key: Key)?
        /// The elements of the last group returned. Their storage is reused
        /// for the next group if the caller has let go of it by then.
        @usableFromInline
        var group: [Base.Element] = []

        @inlinable
        init(base: Base.Iterator, key: @escaping (Base.Element) -> Key) {
            self.base = base
            self.key = key
        }

        @inlinable
        public mutating func next() -> (key: Key, elements: [Base.Element])? {
            let first: (element: Base.Element, key: Key)
            if let pending {
                first = pending
                self.pending = nil
            } else if let element = base?.next() {
                first = (element, key(element))
            } else {
                base = nil
                group = []
                return nil
            }
            // Keeps the storage while this array is ours alone (otherwise
            // makes new storage of the same capacity), unless a long run
            // made it large: that is given back.
            if group.capacity > 4096 {
                group = []
            } else {
                group.removeAll(keepingCapacity: true)
            }
            group.append(first.element)
            while let element = base?.next() {
                let elementKey = key(element)
                if elementKey != first.key {
                    pending = (element, elementKey)
                    return (first.key, group)
                }
                group.append(element)
            }
            base = nil
            return (first.key, group)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator(), key: key)
    }
}

extension GroupedRunsSequence: LazySequenceProtocol where Base: LazySequenceProtocol {}
