extension Sequence {
    /// The sequence's only element (more-itertools' `one`).
    ///
    /// ```swift
    /// let matches = Generator<String> { g in try g.yield("alice@example.com") }
    /// print(try matches.one())     // alice@example.com
    /// ```
    ///
    /// - Throws: ``SingleElementError/empty`` or
    ///   ``SingleElementError/moreThanOne``.
    /// - Complexity: Reads at most two elements.
    @inlinable
    public func one() throws(SingleElementError) -> Element {
        guard let element = try only() else { throw .empty }
        return element
    }

    /// The sequence's only element, or `nil` if it has none
    /// (more-itertools' `only`).
    ///
    /// ```swift
    /// print(try [Int]().only() as Any)    // nil
    /// print(try [7].only() as Any)        // Optional(7)
    /// ```
    ///
    /// - Throws: ``SingleElementError/moreThanOne``.
    /// - Complexity: Reads at most two elements.
    @inlinable
    public func only() throws(SingleElementError) -> Element? {
        var iterator = makeIterator()
        guard let element = iterator.next() else { return nil }
        guard iterator.next() == nil else { throw .moreThanOne }
        return element
    }
}

/// Why `one()` or `only()` found no single element.
public enum SingleElementError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The sequence had no element (`one()` only).
    case empty
    /// The sequence had a second element.
    case moreThanOne

    public var description: String {
        switch self {
        case .empty: "expected one element, found none"
        case .moreThanOne: "expected one element, found more"
        }
    }
}
