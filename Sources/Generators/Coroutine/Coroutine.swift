/// A Python generator: a body that runs lazily, pauses at every `yield`, and
/// can be resumed with `next()`, sent values, thrown errors into and closed.
///
/// `Coroutine<Yield, Sent, Return, Failure>` is Python's
/// `Generator[Yield, Send, Return]`: it yields `Yield` values, receives
/// `Sent` values from ``send(_:)-(Sent)``, and ends with a `Return` value. `Failure`
/// says what its body may fail with, as for `AsyncSequence`: `Never` for a
/// body that throws nothing of its own (the generator is then a plain
/// `Sequence`), or `any Error`. The common shapes have short names:
///
/// - ``Generator``: `Coroutine<Element, Void, Void, Never>`.
/// - ``ThrowingGenerator``: `Coroutine<Element, Void, Void, any Error>`.
///
/// ```swift
/// let countdown = Generator<Int> { g in
///     for n in stride(from: 3, through: 1, by: -1) { try g.yield(n) }
/// }
/// for n in countdown { print(n) }   // 3, 2, 1
/// ```
///
/// The body runs on its own machine stack (a *stackful* coroutine), so
/// `yield` works from any function the body calls, at any depth, and a
/// resume costs a few nanoseconds whatever the depth. Stacks come from a
/// pool, each with a guard page: a body that overflows its stack stops the
/// process with a message naming the stack size, never corrupting memory.
///
/// Cleanup always runs: when the last reference to a suspended generator
/// goes away, it is closed (``GeneratorExit`` is thrown at its `yield`), so
/// its `defer` blocks run and everything its stack holds is released.
///
/// - Important: A generator is not `Sendable`: one context resumes it at a
///   time. It may be moved to another thread or task while suspended.
/// - Important: The body must not keep a strong reference to its own
///   generator (that is a reference cycle, and the generator is never
///   closed or freed).
/// - Complexity: Creating a generator allocates the object only; its stack
///   is taken from the pool at the first resume and given back when the body
///   ends. Each resume is O(1).
public final class Coroutine<Yield, Sent, Return, Failure: Error>: _CoroutineCore<Yield, Sent> {
    /// The body, as given to the initializer.
    @usableFromInline
    let _body: (Yielder) throws -> Return

    /// The stack size asked for (0: the default).
    @usableFromInline
    let _stackSize: Int

    /// A name for diagnostics (Python's `__name__`).
    @exclusivity(unchecked)
    public var name: String?

    /// Whether the body has returned a value (kept by `_returnBox`).
    @usableFromInline @exclusivity(unchecked)
    var _hasReturnValue = false

    /// The body's return value, once it has returned: a box of raw memory
    /// rather than an `Optional` field, so that destroying a generator needs
    /// no generic metadata. `nil` for zero-sized values.
    @usableFromInline @exclusivity(unchecked)
    var _returnBox: UnsafeMutableRawPointer?

    /// An error the body ended with, until it is reported.
    @usableFromInline @exclusivity(unchecked)
    var _failure: (any Error)?

    /// Whether the end (return value, error or close) has been reported.
    @usableFromInline @exclusivity(unchecked)
    var _endReported = false

    /// Set while this generator runs inline on another one's fiber (its
    /// status is then `.running`, so no resume reaches it); read by `state`.
    @usableFromInline @exclusivity(unchecked)
    unowned(unsafe) var _host: _CoroutineCore<Yield, Sent>?

    /// Runs the body (given no fiber), or finalizes a suspended generator
    /// (given its fiber): specialized for the concrete types where the
    /// generator is built (the initializer is inlinable), and called from
    /// the two places that cannot be, the fiber's entry point and `deinit`.
    /// One closure rather than two: one less to store and release.
    @usableFromInline
    let _operations: (Coroutine, OpaquePointer?) -> Void

    @inlinable
    init(stackSize: Int, name: String?, body: @escaping (Yielder) throws -> Return) {
        precondition(stackSize >= 0, "a generator's stack size cannot be negative")
        self._body = body
        self._stackSize = stackSize
        self.name = name
        self._operations = { generator, fiber in
            if let fiber { generator._finalize(fiber) } else { generator._runBody() }
        }
        super.init()
    }

    deinit {
        if _status == .suspended, let fiber = _fiber {
            // The cleanup runs on the body's fiber, after every other use.
            _ThreadSanitizer.finalizing()
            _operations(self, fiber)
            if _abandoned {
                // The abandoned frames may hold references to this object
                // (a debug build's temporaries, for one); they never run to
                // release them.
                _Fiber.releaseStrayReferences(to: Unmanaged.passUnretained(self).toOpaque())
            }
        }
        if let box = _returnBox {
            box.assumingMemoryBound(to: Return.self).deinitialize(count: 1)
            box.deallocate()
        }
    }

    // MARK: - State

    /// Where the generator is in its life.
    public var state: GeneratorState {
        if let host = _host {
            return host._status == .suspended ? .suspended : .running
        }
        switch _status {
        case .created: return .created
        case .suspended: return .suspended
        case .running, .closing, .finalizing: return .running
        case .finished: return .closed
        }
    }

    /// The value the body returned, once it has returned; `nil` before, and
    /// when it ended with an error or was closed.
    public var returnValue: Return? { _returnValue }

    @inlinable
    var _returnValue: Return? {
        guard _hasReturnValue else { return nil }
        guard let box = _returnBox else {
            // A zero-sized value occupies no memory: any aligned address reads it.
            return UnsafeRawPointer(bitPattern: MemoryLayout<Return>.alignment).unsafelyUnwrapped
                .assumingMemoryBound(to: Return.self).pointee
        }
        return box.assumingMemoryBound(to: Return.self).pointee
    }

    /// Keeps the value the body returned.
    @inlinable
    final func _storeReturn(_ value: Return) {
        precondition(!_hasReturnValue, "a generator returns once")
        if MemoryLayout<Return>.size > 0 {
            let box = UnsafeMutablePointer<Return>.allocate(capacity: 1)
            box.initialize(to: value)
            _returnBox = UnsafeMutableRawPointer(box)
        }
        _hasReturnValue = true
    }

    /// The stack size, in bytes, this generator's body runs with.
    public var stackSize: Int { _Fiber.roundedStackSize(_stackSize) }

    // MARK: - Running the body

    override func _runOnFiber() {
        _operations(self, nil)
    }

    /// A run inline on a delegator's fiber is over: the delegate ended, or
    /// its delegator's body was abandoned.
    @usableFromInline
    override func _endInline() {
        _status = .finished
        _endReported = true
        _host = nil
    }

    @inlinable
    final func _runBody() {
        do {
            _storeReturn(try _body(Yielder(core: self)))
        } catch {
            // The close signal ending a body that is being closed is the
            // expected end: `close()` and finalization would drop it.
            if _status == .running || !_isCloseSignal(error) { _failure = error }
        }
        _status = .finished
    }

    /// Resumes a suspended generator; returns what it yielded, or `nil` if
    /// it finished.
    @inlinable @inline(__always)
    final func _resumeSuspended(_ fiber: OpaquePointer, _ command: _ResumeCommand<Sent>) -> Yield? {
        Self._resume(Unmanaged.passUnretained(self), fiber, command).yielded
    }

    /// Starts a generator that has not started, with `next()`: takes a
    /// stack and runs the body to its first `yield`. Returns the value, or
    /// `nil` if the body ended (the caller then goes the slow way, which
    /// reports the end). The common start, without `_step`'s cases.
    @inlinable @inline(never)
    final func _start() -> Yield? {
        _resumeSuspended(_takeStack(), .next)
    }

    /// Takes a stack from the pool for a body about to start, and its slots.
    @inlinable @inline(__always)
    final func _takeStack() -> OpaquePointer {
        let fiber = _Fiber.acquire(stackSize: _stackSize, slotBytes: Self._slotBytes, owner: self)
        _fiber = fiber
        _slots = _Fiber.slots(fiber)
        return fiber
    }

    /// The general resume: every state, every command.
    @inlinable @inline(never)
    final func _step(_ command: _ResumeCommand<Sent>) throws -> GeneratorStep<Yield, Return> {
        var command = command
        switch _status {
        case .suspended:
            break
        case .created:
            switch command {
            case .send where Sent.self != Void.self:
                throw GeneratorError.sendToUnstarted
            case .send, .next:
                // `send(())` starts a generator whose `Sent` is `Void`, as
                // Python's `send(None)` starts any generator.
                _ = _takeStack()
                command = .next
            case .raise(let error):
                // The body never ran, so nothing can catch it (spec 2.6).
                _status = .finished
                _endReported = true
                throw error
            case .close:
                _status = .finished
                _endReported = true
                return .exhausted
            }
        case .running, .closing, .finalizing:
            throw GeneratorError.alreadyExecuting(command.operation)
        case .finished:
            // A fast path resumed the body and saw it end: finish that first.
            if _fiber != nil { return try _ended() }
            if case .raise(let error) = command { throw error }
            return _reportEnd()
        }
        if let value = _resumeSuspended(_fiber.unsafelyUnwrapped, command) {
            return .yielded(value)
        }
        return try _ended()
    }

    /// The body has just ended: give the stack back, report the end.
    @inlinable @inline(never)
    final func _ended() throws -> GeneratorStep<Yield, Return> {
        if let fiber = _fiber {
            _fiber = nil
            _slots = nil
            _Fiber.release(fiber)
        }
        if let error = _failure {
            _failure = nil
            _endReported = true
            throw error
        }
        return _reportEnd()
    }

    @inlinable
    final func _reportEnd() -> GeneratorStep<Yield, Return> {
        if !_endReported, let value = _returnValue {
            _endReported = true
            return .returned(value)
        }
        _endReported = true
        return .exhausted
    }

    // MARK: - The protocol

    /// Resumes the body, making its paused `yield` return `value`; returns
    /// what the body did next.
    ///
    /// ```swift
    /// let echo = Coroutine<String, String, Void, Never> { g in
    ///     var reply = "ready"
    ///     while let heard = try g.yield(reply) { reply = "heard \(heard)" }
    /// }
    /// print(echo.next()!)           // ready
    /// print(try echo.send("hi"))    // yielded("heard hi")
    /// ```
    ///
    /// Start the generator first with `next()` or `send(nil)`, as Python's
    /// `send(None)`; a generator whose `Sent` is `Void` also starts with
    /// `send(())`.
    ///
    /// - Throws: ``GeneratorError/sendToUnstarted`` if the body has not
    ///   started (it stays unstarted; not for a `Void` value),
    ///   ``GeneratorError/alreadyExecuting(_:isAsync:)`` if it is running,
    ///   or the error the body ends with (once).
    /// - Complexity: O(1).
    @inlinable @discardableResult
    public func send(_ value: Sent) throws -> GeneratorStep<Yield, Return> {
        if _status == .suspended, let yielded = _resumeSuspended(_fiber.unsafelyUnwrapped, .send(value)) {
            return .yielded(yielded)
        }
        return try _step(.send(value))
    }

    /// Resumes the body as `next()` does when `value` is `nil`, and as
    /// ``send(_:)-(Sent)`` does otherwise: Python's `gen.send(None)`, the usual way
    /// to start (prime) a coroutine, which works on a generator that has not
    /// started and reports its end as a ``GeneratorStep``.
    ///
    /// ```swift
    /// let averager = Coroutine<Double, Double, Void, Never> { g in
    ///     var total = 0.0, count = 0.0
    ///     while let term = try g.yield(count == 0 ? 0 : total / count) {
    ///         total += term; count += 1
    ///     }
    /// }
    /// print(try averager.send(nil))   // yielded(0.0): primed
    /// print(try averager.send(10))    // yielded(10.0)
    /// ```
    ///
    /// - Throws: ``GeneratorError/alreadyExecuting(_:isAsync:)`` if the body
    ///   is running, or the error the body ends with (once).
    /// - Complexity: O(1).
    @inlinable @discardableResult @_disfavoredOverload
    public func send(_ value: Sent?) throws -> GeneratorStep<Yield, Return> {
        guard let value else { return try _step(.next) }
        return try send(value)
    }

    /// Resumes the body by throwing `error` from its paused `yield`
    /// (Python's `generator.throw`); returns what the body did next.
    ///
    /// If the body catches the error and yields, this returns that value; if
    /// it returns, this returns `.returned`; if the error escapes, this
    /// throws it and the generator is closed. On a generator that has not
    /// started or has finished, this throws `error` at once and runs nothing.
    ///
    /// - Complexity: O(1).
    @discardableResult
    public func resume(throwing error: any Error) throws -> GeneratorStep<Yield, Return> {
        try _step(.raise(error))
    }

    /// Closes the generator: throws ``GeneratorExit`` at its paused `yield`
    /// so that its cleanup runs, and returns what the body returned if it
    /// caught the signal and returned a value (Python 3.13).
    ///
    /// A generator that has not started is only marked closed; a finished
    /// one is left alone. Calling `close()` again does nothing. A generator
    /// paused inside `yield(from:)` closes its delegate first (see
    /// the Yielder's `yield(from:)`).
    ///
    /// ```swift
    /// let g = Coroutine<Int, Void, String, Never> { g in
    ///     do { try g.yield(1) } catch is GeneratorExit { return "cleaned up" }
    ///     return "finished"
    /// }
    /// _ = g.next()
    /// print(try g.close() ?? "nil")   // cleaned up
    /// ```
    ///
    /// - Throws: ``GeneratorError/ignoredClose(_:isAsync:)`` if the body
    ///   yielded instead of ending (it stays suspended there, as in Python),
    ///   ``GeneratorError/alreadyExecuting(_:isAsync:)``, or an error the
    ///   body's cleanup threw.
    /// - Complexity: O(1), plus the cleanup the body runs.
    @discardableResult
    public func close() throws -> Return? {
        switch _status {
        case .created:
            _status = .finished
            _endReported = true
            return nil
        case .finished:
            return nil
        case .running, .closing, .finalizing:
            throw GeneratorError.alreadyExecuting(.close)
        case .suspended:
            break
        }
        _commandKind = .close
        _status = .closing
        _closeRequests &+= 1
        _ = _Fiber.resume(_fiber.unsafelyUnwrapped, owner: Unmanaged.passUnretained(self))
        if _status == .suspended {
            _ = _takeYielded()
            throw GeneratorError.ignoredClose(.close)
        }
        if _abandoned {
            // A delegate running inline ignored the close twice: nothing can
            // unwind it (see `_yieldWhileClosing`).
            GeneratorRuntime.recordAbandoned(GeneratorError.ignoredClose(.delegation), generator: name)
            return nil
        }
        do {
            if case .returned(let value) = try _ended() { return value }
            return nil
        } catch is GeneratorExit {
            return nil
        }
    }

    /// Closes a generator whose last reference has gone away. Errors cannot
    /// propagate from `deinit`; they go to ``GeneratorRuntime``'s handler.
    /// A body that yields instead of ending is abandoned (Python reports
    /// the same `RuntimeError` and goes on).
    @inlinable
    final func _finalize(_ fiber: OpaquePointer) {
        _commandKind = .close
        _status = .finalizing
        _closeRequests &+= 1
        _ = _Fiber.resume(fiber, owner: Unmanaged.passUnretained(self))
        if _abandoned {
            GeneratorRuntime.recordAbandoned(GeneratorError.ignoredClose(.finalization), generator: name)
            return
        }
        _fiber = nil
        _slots = nil
        _Fiber.release(fiber)
        if let error = _failure, type(of: error) != GeneratorExit.self {
            GeneratorRuntime.reportUnhandled(error, generator: name)
        }
    }
}

@available(*, unavailable, message: "a generator is resumed by one context at a time")
extension Coroutine: Sendable {}

// MARK: - Initializers

extension Coroutine where Failure == Never {
    /// Makes a generator whose body throws nothing of its own. Nothing runs
    /// until the first `next()`.
    ///
    /// ```swift
    /// let squares = Generator<Int> { g in
    ///     for n in 1...3 { try g.yield(n * n) }
    /// }
    /// print(Array(squares))   // [1, 4, 9]
    /// ```
    ///
    /// The body is a throwing closure because `yield` throws the close
    /// signal, ``GeneratorExit``, and errors thrown in with
    /// ``resume(throwing:)``; it must not throw errors of its own.
    ///
    /// - Important: If the body of such a generator lets an error other than
    ///   ``GeneratorExit`` escape, `next()` (which cannot throw) traps. Make a
    ///   body that throws a ``ThrowingGenerator``, or a `Coroutine` whose
    ///   `Failure` is `any Error`.
    /// - Parameters:
    ///   - stackSize: The usable stack size in bytes for the body; 0 (the
    ///     default) means ``GeneratorRuntime/defaultStackSize``. Raise it for
    ///     deep recursion inside the body.
    ///   - name: A name for diagnostics.
    ///   - body: The generator's code. Its `Yielder` argument yields values.
    @inlinable
    public convenience init(
        stackSize: Int = 0,
        name: String? = nil,
        _ body: @escaping (_ generator: Yielder) throws -> Return
    ) {
        self.init(stackSize: stackSize, name: name, body: body)
    }
}

extension Coroutine where Failure == any Error {
    /// Makes a generator whose body may throw. Nothing runs until the first
    /// `next()`.
    ///
    /// ```swift
    /// struct Bad: Error {}
    /// let numbers = ThrowingGenerator<Int> { g in
    ///     for text in ["1", "2", "x"] {
    ///         guard let n = Int(text) else { throw Bad() }
    ///         try g.yield(n)
    ///     }
    /// }
    /// while let n = try numbers.next() { print(n) }   // 1, 2, then throws Bad
    /// ```
    ///
    /// - Parameters:
    ///   - stackSize: The usable stack size in bytes for the body; 0 (the
    ///     default) means ``GeneratorRuntime/defaultStackSize``.
    ///   - name: A name for diagnostics.
    ///   - body: The generator's code. Its `Yielder` argument yields values.
    @inlinable
    public convenience init(
        stackSize: Int = 0,
        name: String? = nil,
        _ body: @escaping (_ generator: Yielder) throws -> Return
    ) {
        self.init(stackSize: stackSize, name: name, body: body)
    }
}
