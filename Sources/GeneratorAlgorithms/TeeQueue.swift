/// The elements the branches of a tee share, and where each branch is: the
/// bookkeeping of both `tee(_:)` and the async `tee(_:bufferLimit:)`.
///
/// An element is kept from when the fastest branch reads it until the
/// slowest has. Positions are absolute indices of the source's elements.
@usableFromInline
struct TeeQueue<Element> {
    /// Elements from `start` on; `elements[head...]` is live.
    @usableFromInline
    var elements: [Element] = []
    @usableFromInline
    var head = 0
    /// The absolute index of `elements[head]`.
    @usableFromInline
    var start = 0
    /// Each branch's absolute index of its next element; `Int.max` once a
    /// branch has gone away.
    @usableFromInline
    var positions: [Int]

    @inlinable
    init(branches: Int) {
        positions = Array(repeating: 0, count: branches)
    }

    /// How many elements are held for the branches that lag.
    @inlinable
    var count: Int { elements.count - head }

    /// Whether `branch` has read every element held.
    @inlinable
    func isCaughtUp(_ branch: Int) -> Bool {
        positions[branch] - start >= count
    }

    /// The next element of `branch` if it is held, and the branch moves on;
    /// `nil` when the branch has read every element held. Returns whether
    /// that freed an element too (the branch was the slowest).
    ///
    /// - Complexity: O(1), amortized; O(*b*) for *b* branches when the
    ///   slowest branch moves.
    @inlinable
    mutating func take(for branch: Int) -> (element: Element, freed: Bool)? {
        let position = positions[branch]
        guard position - start < count else { return nil }
        let element = elements[head + position - start]
        positions[branch] = position + 1
        return (element, position == start && dropRead())
    }

    /// A caught-up `branch` read `element` from the source: it is held for
    /// the other branches, unless none needs it.
    @inlinable
    mutating func append(_ element: Element, readBy branch: Int) {
        elements.append(element)
        positions[branch] += 1
        if positions[branch] - 1 == start { _ = dropRead() }
    }

    /// `branch` went away: it no longer holds elements back. Returns whether
    /// that freed any.
    @inlinable
    mutating func leave(_ branch: Int) -> Bool {
        let position = positions[branch]
        positions[branch] = .max
        return position == start && dropRead()
    }

    /// Drops the elements every branch has read; returns whether there were
    /// any.
    @inlinable
    mutating func dropRead() -> Bool {
        let slowest = positions.min() ?? .max
        let read = Swift.min(slowest, start + count) - start
        guard read > 0 else { return false }
        head += read
        start += read
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return true
    }
}
