extension Sequence {
    /// Every run of `count` consecutive elements, as arrays that overlap by
    /// all but one element (more-itertools' `sliding_window`).
    ///
    /// swift-algorithms' `windows(ofCount:)` needs a `Collection`; this reads
    /// any sequence once, keeping only the current window:
    ///
    /// ```swift
    /// let numbers = Generator<Int> { g in for i in 1...5 { try g.yield(i) } }
    /// for window in numbers.slidingWindows(ofCount: 3) { print(window) }
    /// // [1, 2, 3]
    /// // [2, 3, 4]
    /// // [3, 4, 5]
    /// ```
    ///
    /// A sequence shorter than `count` has no windows.
    ///
    /// - Important: `count` must be at least 1; a smaller count traps.
    /// - Parameter count: The number of elements in each window.
    /// - Returns: A lazy sequence of arrays. The first window reads `count`
    ///   elements, each later one reads one more.
    /// - Complexity: O(1) to create; O(`count`) per window, to copy it.
    @inlinable
    public func slidingWindows(ofCount count: Int) -> SlidingWindowsSequence<Self> {
        precondition(count >= 1, "slidingWindows(ofCount:) needs a count of at least 1")
        return SlidingWindowsSequence(base: self, count: count)
    }
}

/// The overlapping windows of a base sequence; see
/// `slidingWindows(ofCount:)`.
public struct SlidingWindowsSequence<Base: Sequence> {
    @usableFromInline
    let base: Base
    /// The number of elements in each window.
    public let count: Int

    @inlinable
    init(base: Base, count: Int) {
        self.base = base
        self.count = count
    }
}

extension SlidingWindowsSequence: Sequence {
    /// Keeps the current window and reads one element per step.
    public struct Iterator: IteratorProtocol {
        /// `nil` once the base has run out.
        @usableFromInline
        var base: Base.Iterator?
        @usableFromInline
        var window: [Base.Element] = []
        @usableFromInline
        let count: Int

        @inlinable
        init(base: Base.Iterator, count: Int) {
            self.base = base
            self.count = count
        }

        @inlinable
        public mutating func next() -> [Base.Element]? {
            guard base != nil else { return nil }
            if window.count == count {
                // Room for a whole window first: a no-op while this array is
                // ours alone; one copy, of the right size, while the caller
                // still holds the last window (the array this returned).
                window.reserveCapacity(count)
                window.removeFirst()
            }
            while window.count < count {
                guard let element = base?.next() else {
                    base = nil
                    window = []
                    return nil
                }
                window.append(element)
            }
            return window
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator(), count: count)
    }
}

extension SlidingWindowsSequence: LazySequenceProtocol where Base: LazySequenceProtocol {}
extension SlidingWindowsSequence: Sendable where Base: Sendable {}
extension SlidingWindowsSequence.Iterator: Sendable where Base.Iterator: Sendable, Base.Element: Sendable {}
