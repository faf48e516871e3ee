/// Where a generator is in its life, as Python's `inspect.getgeneratorstate`.
///
/// ```swift
/// let g = Generator<Int> { g in try g.yield(1) }
/// print(g.state)   // created
/// _ = g.next()
/// print(g.state)   // suspended
/// _ = g.next()
/// print(g.state)   // closed
/// ```
public enum GeneratorState: Sendable, Hashable, CustomStringConvertible {
    /// Built; the body has not started (`GEN_CREATED`).
    case created
    /// The body is running (`GEN_RUNNING`).
    case running
    /// Paused at a `yield` (`GEN_SUSPENDED`).
    case suspended
    /// Finished by returning, by an error or by `close()` (`GEN_CLOSED`).
    case closed

    public var description: String {
        switch self {
        case .created: "created"
        case .running: "running"
        case .suspended: "suspended"
        case .closed: "closed"
        }
    }
}
