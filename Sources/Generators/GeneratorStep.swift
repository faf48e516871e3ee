/// What resuming a generator produced: Python's yielded value,
/// `StopIteration(value)`, or a bare `StopIteration`.
///
/// ```swift
/// let g = Coroutine<Int, Int, String, Never> { g in
///     let n = try g.yield(1) ?? 0
///     return "got \(n)"
/// }
/// print(g.next()!)        // 1
/// print(try g.send(5))    // returned("got 5")
/// print(try g.send(6))    // exhausted
/// ```
@frozen
public enum GeneratorStep<Yield, Return> {
    /// The body yielded this value and is suspended.
    case yielded(Yield)
    /// The body returned this value. Reported once, by the call that ended
    /// the generator; the value stays readable as `returnValue`.
    case returned(Return)
    /// The generator had already finished before this call.
    case exhausted

    /// The yielded value, or `nil` when the generator has finished.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var yielded: Yield? {
        if case .yielded(let value) = self { value } else { nil }
    }

    /// The value the body returned, when this step reports it (Python's
    /// `StopIteration.value`); `nil` otherwise.
    ///
    /// ```swift
    /// let step = try g.send(5)
    /// if let value = step.returned { print("returned", value) }
    /// ```
    ///
    /// - Complexity: O(1).
    @inlinable
    public var returned: Return? {
        if case .returned(let value) = self { value } else { nil }
    }

    /// Whether the generator has finished: this step reports its return
    /// value or finds it finished already (Python's `StopIteration`).
    ///
    /// ```swift
    /// while case let step = try g.send(input), !step.isFinished { … }
    /// ```
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isFinished: Bool {
        if case .yielded = self { false } else { true }
    }
}

extension GeneratorStep: Sendable where Yield: Sendable, Return: Sendable {}
extension GeneratorStep: Equatable where Yield: Equatable, Return: Equatable {}
extension GeneratorStep: Hashable where Yield: Hashable, Return: Hashable {}

extension GeneratorStep where Yield: Equatable, Return == Void {
    /// Compares two steps of a generator that returns nothing (`Void` is
    /// not `Equatable`, so the conformance above does not cover them).
    ///
    /// ```swift
    /// let g = Generator<Int> { g in try g.yield(1) }
    /// print(try g.send(()) == .yielded(1))   // true
    /// ```
    ///
    /// - Complexity: O(1), plus the comparison of the values.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.yielded(let a), .yielded(let b)): a == b
        case (.returned, .returned), (.exhausted, .exhausted): true
        default: false
        }
    }

    /// Whether two steps differ; see ``==(_:_:)``.
    @inlinable
    public static func != (lhs: Self, rhs: Self) -> Bool {
        !(lhs == rhs)
    }
}
