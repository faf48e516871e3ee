/// A sequence whose elements a generator body yields: Python's class with
/// `def __iter__(self): yield ...`, whose every iteration runs the body
/// anew.
///
/// Conform, name the element type, and write ``yieldElements(into:)``;
/// `makeIterator()` comes with the protocol.
///
/// ```swift
/// struct Countdown: YieldingSequence {
///     typealias Element = Int
///     let start: Int
///
///     func yieldElements(into g: Yielder) throws {
///         for n in stride(from: start, through: 1, by: -1) { try g.yield(n) }
///     }
/// }
/// let countdown = Countdown(start: 3)
/// print(Array(countdown), Array(countdown))   // [3, 2, 1] [3, 2, 1]
/// ```
///
/// - Important: Inside a type that conforms to `Sequence`, `Generator`
///   names the standard library's old `Sequence.Generator` alias (which is
///   the iterator type), not this package's ``Generator``: use the
///   ``Yielder`` alias here, and `Generators.Generator<T>` where you need
///   the package's type.
public protocol YieldingSequence: Sequence where Iterator == Coroutine<Element, Void, Void, Never>.Iterator {
    /// The body of every iteration: yields the elements, in order.
    ///
    /// - Throws: Only what `g.yield` throws (a body that throws errors of
    ///   its own traps when iterated, as a ``Generator``'s does).
    func yieldElements(into g: Coroutine<Element, Void, Void, Never>.Yielder) throws
}

extension YieldingSequence {
    /// The handle ``yieldElements(into:)`` yields through.
    public typealias Yielder = Coroutine<Element, Void, Void, Never>.Yielder

    /// Starts a new iteration: a new generator running
    /// ``yieldElements(into:)`` on a copy of this value.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func makeIterator() -> Coroutine<Element, Void, Void, Never>.Iterator {
        let sequence = self
        return Coroutine<Element, Void, Void, Never> { g in try sequence.yieldElements(into: g) }.makeIterator()
    }
}
