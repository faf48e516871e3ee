extension Sequence {
    /// An iterator that can look at the next element without taking it
    /// (more-itertools' `peekable`).
    ///
    /// ```swift
    /// let tokens = Generator<String> { g in for t in ["let", "x", "=", "1"] { try g.yield(t) } }
    /// var stream = tokens.peekable()
    /// if stream.peek() == "let" { _ = stream.next() }
    /// print(stream.next()!)        // x
    /// ```
    ///
    /// - Returns: An iterator that reads nothing until asked: `peek()` reads
    ///   one element and keeps it for the next `next()`.
    /// - Complexity: O(1).
    @inlinable
    public func peekable() -> PeekableIterator<Iterator> {
        PeekableIterator(base: makeIterator())
    }
}

/// An iterator with a one-element look-ahead and a front it can push
/// elements back onto; see `peekable()`.
public struct PeekableIterator<Base: IteratorProtocol>: IteratorProtocol, Sequence {
    /// `nil` once the base has run out.
    @usableFromInline
    var base: Base?
    /// Elements to hand out before reading the base again, last first.
    @usableFromInline
    var front: [Base.Element] = []

    @inlinable
    init(base: Base) {
        self.base = base
    }

    /// Returns the element `next()` would return, without taking it; `nil`
    /// at the end. Reads at most one element from the base.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func peek() -> Base.Element? {
        if let element = front.last { return element }
        guard let element = base?.next() else {
            base = nil
            return nil
        }
        front.append(element)
        return element
    }

    /// Whether another element follows (Python's `bool(p)`); reads at most
    /// one element.
    @inlinable
    public mutating func hasNext() -> Bool {
        peek() != nil
    }

    /// Puts `elements` back in front, to come out in their order before
    /// anything else (more-itertools' `prepend`).
    ///
    /// ```swift
    /// var p = [3, 4].peekable()
    /// p.prepend([1, 2])
    /// print(Array(p))              // [1, 2, 3, 4]
    /// ```
    ///
    /// - Complexity: O(*k*) for *k* elements.
    @inlinable
    public mutating func prepend(_ elements: some Sequence<Base.Element>) {
        front.append(contentsOf: elements.reversed())
    }

    @inlinable
    public mutating func next() -> Base.Element? {
        if let element = front.popLast() { return element }
        guard let element = base?.next() else {
            base = nil
            return nil
        }
        return element
    }
}

extension PeekableIterator: Sendable where Base: Sendable, Base.Element: Sendable {}
