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
///
/// The cases that name an ``Operation`` say which call was refused, and
/// whether the generator is an async one, so that a message read in a log
/// says where to look. Match a case whatever its details with a pattern
/// that leaves them out: `catch GeneratorError.alreadyExecuting { … }`.
public enum GeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A call on a generator, as named in ``GeneratorError``'s messages.
    public enum Operation: Sendable, Hashable, CustomStringConvertible {
        /// `next()`.
        case next
        /// `send(_:)`.
        case send
        /// `resume(throwing:)` (Python's `throw`).
        case resumeThrowing
        /// `close()`.
        case close
        /// The close that runs when the last reference to a suspended
        /// generator goes away (Python's finalization).
        case finalization
        /// `yield(from:)`: a delegation, or the close it forwards to its
        /// delegate.
        case delegation

        public var description: String {
            switch self {
            case .next: "next()"
            case .send: "send(_:)"
            case .resumeThrowing: "resume(throwing:)"
            case .close: "close()"
            case .finalization: "finalization (the last reference went away)"
            case .delegation: "yield(from:)"
            }
        }
    }

    /// The generator was resumed while it was already running: from inside
    /// its own body, or through a cycle of `yield(from:)` delegations; for
    /// an async generator, while another consumer operation on it was in
    /// progress. `operation` is the call that was refused. Python: `ValueError:
    /// generator already executing`, or `RuntimeError: anext(): asynchronous
    /// generator is already running`.
    case alreadyExecuting(_ operation: Operation, isAsync: Bool = false)

    /// A value was sent to a generator that has not started: there is no
    /// paused `yield` to receive it. Start it with `next()` first (or, for a
    /// generator whose `Sent` is `Void`, `send(())`). The generator is left
    /// unstarted and usable. Python: `TypeError: can't send non-None value
    /// to a just-started generator`.
    case sendToUnstarted

    /// The body yielded while it was being closed, instead of ending.
    /// `operation` is the close that was ignored: `.close` (the generator
    /// stays suspended at that new `yield`, the value is dropped, and
    /// `close()` can be called again), `.finalization` (reported to
    /// ``GeneratorRuntime/unhandledErrorHandler``; the body is abandoned), or
    /// `.delegation` (thrown in a delegator at its `yield(from:)` when the
    /// delegate it closed yielded). Python: `RuntimeError: generator ignored
    /// GeneratorExit`.
    case ignoredClose(_ operation: Operation = .close, isAsync: Bool = false)

    /// `yield(from:)` met a generator that had already finished and reported
    /// its end, and its `Return` type has no "nothing" value (it is neither
    /// `Optional` nor `Void`). Python's `yield from` evaluates to `None`
    /// there; make the delegate's return type optional to get `nil`.
    case delegateAlreadyFinished

    /// A value was sent into a `yield(from:)` of a plain sequence, which has
    /// no paused `yield` to receive it. Python: `AttributeError: ... object
    /// has no attribute 'send'`.
    case sendToNonGenerator

    public var description: String {
        switch self {
        case .alreadyExecuting(let operation, isAsync: false):
            "\(operation): generator already executing (it is running: resumed from inside its own body, "
                + "or through a cycle of yield(from:))"
        case .alreadyExecuting(let operation, isAsync: true):
            "\(operation): async generator is already running (another next(), send, resume(throwing:) "
                + "or close() on it has not finished)"
        case .sendToUnstarted:
            "can't send a value to a just-started generator: start it with next()"
        case .ignoredClose(let operation, let isAsync):
            "\(operation): \(isAsync ? "async generator" : "generator") ignored GeneratorExit: "
                + "its body yielded while being closed"
        case .delegateAlreadyFinished:
            "yield(from:) a generator that had already finished and reported its return value "
                + "(make its return type optional to get nil, as Python's None)"
        case .sendToNonGenerator:
            "can't send a value into yield(from:) of a sequence: only a generator receives sent values"
        }
    }
}
