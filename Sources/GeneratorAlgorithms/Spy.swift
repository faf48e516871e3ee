extension Sequence {
    /// The first `count` elements, and an iterator that still yields every
    /// element from the first (more-itertools' `spy`).
    ///
    /// ```swift
    /// let rows = Generator<String> { g in for r in ["id,name", "1,ada", "2,bob"] { try g.yield(r) } }
    /// let (head, all) = rows.spy()
    /// print(head)                  // ["id,name"]
    /// print(Array(all).count)      // 3
    /// ```
    ///
    /// - Parameter count: How many elements to look at (fewer when the
    ///   sequence is shorter). A negative count traps.
    /// - Returns: The elements looked at, and a ``PeekableIterator`` that
    ///   hands them out again before the rest.
    /// - Complexity: Reads `count` elements.
    public func spy(_ count: Int = 1) -> (head: [Element], elements: PeekableIterator<Iterator>) {
        precondition(count >= 0, "spy(_:) needs a count of at least 0")
        var elements = peekable()
        var head: [Element] = []
        while head.count < count, let element = elements.next() { head.append(element) }
        elements.prepend(head)
        return (head, elements)
    }

    /// The element `offset` places from the start, or `nil` if the sequence
    /// is shorter (more-itertools' `nth`).
    ///
    /// ```swift
    /// print((10...).lazy.map { $0 * $0 }.element(atOffset: 2) as Any)   // Optional(144)
    /// ```
    ///
    /// - Important: `offset` must not be negative; a negative offset traps.
    /// - Complexity: Reads `offset + 1` elements, at most.
    public func element(atOffset offset: Int) -> Element? {
        precondition(offset >= 0, "element(atOffset:) needs an offset of at least 0")
        var iterator = makeIterator()
        guard iterator.advance(by: offset) == offset else { return nil }
        return iterator.next()
    }
}

extension IteratorProtocol {
    /// Skips up to `count` elements (more-itertools' `consume(it, n)`);
    /// returns how many it skipped, fewer when the iterator ran out.
    ///
    /// ```swift
    /// var letters = "abcdef".makeIterator()
    /// letters.advance(by: 4)
    /// print(letters.next()!)       // e
    /// ```
    ///
    /// - Important: `count` must not be negative; a negative count traps.
    /// - Complexity: O(`count`).
    @discardableResult
    public mutating func advance(by count: Int) -> Int {
        precondition(count >= 0, "advance(by:) needs a count of at least 0")
        var skipped = 0
        while skipped < count, next() != nil { skipped += 1 }
        return skipped
    }

    /// Reads the iterator to its end (more-itertools' `consume(it)`); returns
    /// how many elements it skipped.
    ///
    /// - Important: Does not return for an infinite iterator.
    /// - Complexity: O(*n*) for *n* elements left.
    @discardableResult
    public mutating func advanceToEnd() -> Int {
        var skipped = 0
        while next() != nil { skipped += 1 }
        return skipped
    }
}
