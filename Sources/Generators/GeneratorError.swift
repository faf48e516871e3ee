/// Misuse of the generator protocol, reported as a typed error.
///
/// ```swift
/// let averager = Coroutine<Double, Double, Void, Never> { g in
///     var total = 0.0, count = 0.0
///     while let term = try g.yield(count == 0 ? 0 : total / count) {
///         total += term; count += 1
///     }
/// }
/// do { _ = try averager.send(10) } catch { print(error) }
/// // can't send a value to a just-started generator: start it with next()
/// ```
public enum GeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The generator was resumed while it was already running: from inside
    /// its own body, or through a cycle of `yield(from:)` delegations.
    /// Python: `ValueError: generator already executing`.
    case alreadyExecuting

    /// A value was sent to a generator that has not started: there is no
    /// paused `yield` to receive it. Start it with `next()` first. The
    /// generator is left unstarted and usable. Python: `TypeError: can't send
    /// non-None value to a just-started generator`.
    case sendToUnstarted

    /// The body yielded while it was being closed, instead of ending. The
    /// generator stays suspended at that new `yield` (the value is dropped);
    /// `close()` can be called again. Python: `RuntimeError: generator
    /// ignored GeneratorExit`.
    case ignoredClose

    public var description: String {
        switch self {
        case .alreadyExecuting:
            "generator already executing"
        case .sendToUnstarted:
            "can't send a value to a just-started generator: start it with next()"
        case .ignoredClose:
            "generator ignored GeneratorExit: its body yielded while being closed"
        }
    }
}
