extension Sequence {
    /// The sequence's last element, or `nil` if it is empty (more-itertools'
    /// `last`): it reads the whole sequence, keeping only the latest element.
    ///
    /// ```swift
    /// let numbers = Generator<Int> { g in for i in 1...3 { try g.yield(i) } }
    /// print(numbers.last() as Any)    // Optional(3)
    /// ```
    ///
    /// A bidirectional collection has the `last` property, which reads only
    /// that element.
    ///
    /// - Important: Does not return for an infinite sequence.
    /// - Complexity: O(*n*) for *n* elements.
    @inlinable
    public func last() -> Element? {
        var last: Element?
        for element in self { last = element }
        return last
    }
}
