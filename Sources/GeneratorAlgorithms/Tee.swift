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
        @usableFromInline
        var queue: TeeQueue<Base.Element>

        @inlinable
        init(base: Base, branches: Int) {
            self.base = base
            queue = TeeQueue(branches: branches)
        }

        @inlinable
        func next(for branch: Int) -> Base.Element? {
            if let taken = queue.take(for: branch) { return taken.element }
            guard let fresh = base?.next() else {
                base = nil
                return nil
            }
            queue.append(fresh, readBy: branch)
            return fresh
        }

        /// A branch went away: it no longer holds elements back.
        @inlinable
        func leave(_ branch: Int) {
            _ = queue.leave(branch)
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
    public var bufferedCount: Int { buffer.queue.count }
}

@available(*, unavailable, message: "the branches of a tee share their buffer: use them from one context")
extension TeeIterator: Sendable {}
