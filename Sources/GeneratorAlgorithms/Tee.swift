extension Sequence {
    /// Splits the sequence into `count` independent iterators that each see
    /// every element, reading the sequence only once (Python's
    /// `itertools.tee`).
    ///
    /// An element read by one branch is kept until every branch has read it,
    /// so the memory held is what separates the fastest branch from the
    /// slowest, not the whole sequence.
    ///
    /// ```swift
    /// let numbers = Generator<Int> { g in for i in 1...4 { try g.yield(i) } }
    /// let branches = numbers.tee(3)
    /// print(Array(branches[0]))    // [1, 2, 3, 4]
    /// print(Array(branches[1]))    // [1, 2, 3, 4]  (from the buffer)
    /// ```
    ///
    /// - Important: Don't iterate the sequence itself afterwards: what it
    ///   hands out directly, the branches never see. The branches share
    ///   their buffer, so they are not `Sendable`: use them from one
    ///   context. A branch that goes away stops holding elements back.
    /// - Parameter count: How many branches; 0 gives none (as in Python).
    ///   A negative count traps.
    /// - Complexity: O(1) per element and branch; O(*k*) memory, where *k*
    ///   is how far the slowest remaining branch lags behind the fastest.
    @inlinable
    public func tee(_ count: Int) -> [TeeIterator<Iterator>] {
        precondition(count >= 0, "tee(_:) needs a count of at least 0")
        guard count > 0 else { return [] }
        let buffer = TeeIterator<Iterator>.Buffer(base: makeIterator(), branches: count)
        return (0..<count).map { TeeIterator(buffer: buffer, branch: $0) }
    }

    /// Splits the sequence into two independent iterators: `let (a, b) =
    /// numbers.tee()`. See ``tee(_:)``.
    @inlinable
    public func tee() -> (TeeIterator<Iterator>, TeeIterator<Iterator>) {
        let branches = tee(2)
        return (branches[0], branches[1])
    }
}

/// One branch of a sequence split with `tee(_:)`: it sees every element of
/// the sequence, from the first, whatever the other branches have read.
public final class TeeIterator<Base: IteratorProtocol>: IteratorProtocol, Sequence {
    /// The source and the elements some branch has not read yet, shared by
    /// the branches.
    @usableFromInline
    final class Buffer {
        /// `nil` once the source has run out.
        @usableFromInline
        var base: Base?
        /// Elements from `start` on; `elements[head...]` is live.
        @usableFromInline
        var elements: [Base.Element] = []
        @usableFromInline
        var head = 0
        /// The absolute index of `elements[head]`.
        @usableFromInline
        var start = 0
        /// Each branch's absolute index of its next element; `Int.max` once
        /// a branch has gone away.
        @usableFromInline
        var positions: [Int]

        @inlinable
        init(base: Base, branches: Int) {
            self.base = base
            positions = Array(repeating: 0, count: branches)
        }

        /// How many elements are held for the branches that lag.
        @inlinable
        var count: Int { elements.count - head }

        @inlinable
        func next(for branch: Int) -> Base.Element? {
            let position = positions[branch]
            let element: Base.Element
            if position - start < count {
                element = elements[head + position - start]
            } else if let fresh = base?.next() {
                element = fresh
                elements.append(fresh)
            } else {
                base = nil
                return nil
            }
            positions[branch] = position + 1
            if position == start { dropRead() }
            return element
        }

        /// A branch went away: it no longer holds elements back.
        @inlinable
        func leave(_ branch: Int) {
            let position = positions[branch]
            positions[branch] = .max
            if position == start { dropRead() }
        }

        /// Drops the elements every branch has read.
        @inlinable
        func dropRead() {
            let slowest = positions.min() ?? .max
            let read = Swift.min(slowest, start + count) - start
            guard read > 0 else { return }
            head += read
            start += read
            if head == elements.count {
                elements.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= elements.count {
                elements.removeFirst(head)
                head = 0
            }
        }
    }

    @usableFromInline
    let buffer: Buffer
    @usableFromInline
    let branch: Int

    @inlinable
    init(buffer: Buffer, branch: Int) {
        self.buffer = buffer
        self.branch = branch
    }

    deinit {
        buffer.leave(branch)
    }

    @inlinable
    public func next() -> Base.Element? {
        buffer.next(for: branch)
    }

    /// How many elements the branches share in their buffer now: those read
    /// by a faster branch that a slower one has not read yet.
    @inlinable
    public var bufferedCount: Int { buffer.count }
}

@available(*, unavailable, message: "the branches of a tee share their buffer: use them from one context")
extension TeeIterator: Sendable {}
