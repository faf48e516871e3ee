extension Coroutine.Yielder {
    /// Delegates to another generator until it ends, and evaluates to what
    /// it returned (Python's `yield from`).
    ///
    /// Everything the consumer does reaches `generator`: its values go to
    /// the consumer, `send` and `resume(throwing:)` reach its paused `yield`,
    /// and closing closes it first, then this body.
    ///
    /// ```swift
    /// func walk(_ tree: Tree?) -> Coroutine<Int, Void, Int, Never> {
    ///     Coroutine { g in
    ///         guard let tree else { return 0 }
    ///         let left = try g.yield(from: walk(tree.left))
    ///         try g.yield(tree.value)
    ///         let right = try g.yield(from: walk(tree.right))
    ///         return left + 1 + right          // the subtree's size
    ///     }
    /// }
    /// ```
    ///
    /// A generator that has not started runs inline, on this generator's
    /// stack: its values go straight to the consumer, so a chain of
    /// delegations costs O(1) per value whatever its depth. While it runs
    /// there it belongs to this generator: resuming it directly throws
    /// ``GeneratorError/alreadyExecuting(_:isAsync:)``. A generator that was already
    /// started, or one met when less than 64 KiB of this stack is left, runs
    /// on its own stack and is resumed value by value.
    ///
    /// A generator that had already finished evaluates to its return value
    /// if its end was not reported yet, and otherwise to "nothing", as
    /// Python's `yield from` of a finished generator evaluates to `None`:
    /// `nil` for an `Optional` return type, `()` for `Void`, and for any
    /// other type ``GeneratorError/delegateAlreadyFinished`` is thrown.
    ///
    /// When this generator is closed, the delegate is closed first. If the
    /// delegate yields instead of ending (it ignored the close),
    /// ``GeneratorError/ignoredClose(_:isAsync:)`` (with operation
    /// `.delegation`) is thrown here, in the delegator, as PEP 380 raises
    /// `RuntimeError` at `yield from`: a delegator that catches it and ends
    /// closes normally. A delegate that ran inline gets the close signal
    /// once more first (in Python, at the moment it is dropped).
    ///
    /// - Throws: ``GeneratorExit`` when this generator is being closed,
    ///   ``GeneratorError/alreadyExecuting(_:isAsync:)`` for a delegation
    ///   cycle, ``GeneratorError/delegateAlreadyFinished``, and what
    ///   `generator` throws.
    /// - Complexity: O(1) per value for a generator that has not started.
    @inlinable @discardableResult
    public func yield<SubReturn, SubFailure>(
        from generator: Coroutine<Yield, Sent, SubReturn, SubFailure>
    ) throws -> SubReturn {
        unowned(unsafe) let host = _core.takeUnretainedValue()
        guard let fiber = host._fiber, _Fiber.isCurrent(fiber) else {
            preconditionFailure("Generator yield(from:) outside its generator's body")
        }
        switch generator._status {
        case .created where _Fiber.remainingStack(fiber) >= Self.inlineDelegationReserve:
            return try _delegateInline(to: generator)
        case .created:
            // Too little stack left to run it here: it gets its own.
            return try _delegateByResuming(generator)
        case .suspended:
            return try _delegateByResuming(generator)
        case .finished:
            // Python's first `next(_i)` raises StopIteration: with the return
            // value if this is the end being reported, bare otherwise.
            switch try generator._step(.next) {
            case .returned(let value): return value
            case .exhausted, .yielded: return try Self._noResult()
            }
        case .running, .closing, .finalizing:
            throw GeneratorError.alreadyExecuting(.delegation)
        }
    }

    /// The stack a delegate that runs inline must leave free.
    @usableFromInline
    static var inlineDelegationReserve: Int { 64 * 1024 }

    /// Yields every element of `sequence` (Python's `yield from iterable`).
    ///
    /// ```swift
    /// let g = Generator<Int> { g in
    ///     try g.yield(from: [1, 2])
    ///     try g.yield(from: 3...4)
    /// }
    /// print(Array(g))   // [1, 2, 3, 4]
    /// ```
    ///
    /// When the generator is closed (or finalized) while it waits here, an
    /// iterator that conforms to ``ClosableIterator``, such as a generator's,
    /// is closed before the close goes on in this body, as PEP 380 closes
    /// the iterator of a `yield from`; an error from that close is thrown
    /// here instead. Any other iterator is only released. An error thrown
    /// in with `resume(throwing:)` is thrown here, and the iterator is
    /// released without being closed (Python: a delegate without `throw`).
    ///
    /// - Throws: ``GeneratorError/sendToNonGenerator`` when the consumer
    ///   sends a value (the sequence has no `yield` to receive it; `send(())`
    ///   to a generator whose `Sent` is `Void` is a `next()`), and what
    ///   `yield` throws.
    /// - Complexity: O(1) per element, plus the sequence's own work.
    @inlinable @_disfavoredOverload
    public func yield<S: Sequence>(from sequence: S) throws where S.Element == Yield {
        var iterator = sequence.makeIterator()
        while let element = iterator.next() {
            let sent: Sent?
            do {
                sent = try yield(element)
            } catch {
                try Self._closeDelegate(&iterator, after: error)
                throw error
            }
            if sent != nil, Sent.self != Void.self { throw GeneratorError.sendToNonGenerator }
        }
    }

    /// Closes `iterator` if `error` is the close signal and it can be closed.
    @usableFromInline
    static func _closeDelegate<Iterator: IteratorProtocol>(_ iterator: inout Iterator, after error: any Error) throws {
        guard error is GeneratorExit, var closable = iterator as? any ClosableIterator else { return }
        try closable.close()
    }

    /// What delegating to a generator that had already finished and reported
    /// its end evaluates to: Python's `None`, where `SubReturn` has one.
    @usableFromInline
    static func _noResult<SubReturn>() throws -> SubReturn {
        if let optional = SubReturn.self as? any ExpressibleByNilLiteral.Type {
            return optional.init(nilLiteral: ()) as! SubReturn
        }
        if SubReturn.self == Void.self { return () as! SubReturn }
        throw GeneratorError.delegateAlreadyFinished
    }

    /// Runs a generator that has not started on the host's fiber.
    @inlinable
    func _delegateInline<SubReturn, SubFailure>(
        to generator: Coroutine<Yield, Sent, SubReturn, SubFailure>
    ) throws -> SubReturn {
        unowned(unsafe) let host = _core.takeUnretainedValue()
        generator._status = .running
        generator._host = host
        var delegation = _InlineDelegation(
            delegate: Unmanaged.passUnretained(generator),
            closeRequestsAtStart: host._closeRequests,
            outer: host._innermostInline
        )
        let outcome = Result {
            try withUnsafeMutablePointer(to: &delegation) { record in
                // The record lives on this frame while the delegate runs.
                host._innermostInline = record
                defer { host._innermostInline = record.pointee.outer }
                return try generator._body(Coroutine<Yield, Sent, SubReturn, SubFailure>.Yielder(core: _core))
            }
        }
        generator._endInline()
        if case .success(let value) = outcome { generator._storeReturn(value) }
        if delegation.ignoredClose {
            // The delegate ignored the close: PEP 380 raises that in the
            // delegator, and what its second close ended with has no one to
            // go to (Python's finalization of the dropped delegate).
            if case .failure(let error) = outcome, !(error is GeneratorExit) {
                GeneratorRuntime.reportUnhandled(error, generator: generator.name)
            }
            throw GeneratorError.ignoredClose(.delegation)
        }
        let result = try outcome.get()
        if delegation.closeRequestsAtStart != host._closeRequests {
            // The delegate caught the close signal and returned: the close
            // goes on in the delegator (PEP 380). A delegation that began in
            // cleanup that the close started runs to its end instead.
            throw _closeSignal
        }
        return result
    }

    /// Forwards every resume to a generator that runs on its own fiber.
    @usableFromInline
    func _delegateByResuming<SubReturn, SubFailure>(
        _ generator: Coroutine<Yield, Sent, SubReturn, SubFailure>
    ) throws -> SubReturn {
        var command: _ResumeCommand<Sent> = .next
        while true {
            if case .close = command {
                // An ignored close throws `ignoredClose(.close)` here, in the
                // delegator, and leaves the delegate suspended (PEP 380).
                do {
                    try generator.close()
                } catch GeneratorError.ignoredClose {
                    throw GeneratorError.ignoredClose(.delegation)
                }
                throw _closeSignal
            }
            switch try generator._step(command) {
            case .yielded(let value):
                command = try _handOff(value)
            case .returned(let value):
                return value
            case .exhausted:
                // A direct `next()` finished it between two of our resumes.
                return try Self._noResult()
            }
        }
    }

    /// Yields `value` and returns how the consumer resumed, without acting
    /// on it (the delegation loop forwards it).
    func _handOff(_ value: Yield) throws -> _ResumeCommand<Sent> {
        unowned(unsafe) let core = _core.takeUnretainedValue()
        let fiber = core._fiber.unsafelyUnwrapped
        switch core._status {
        case .running:
            break
        case .closing, .finalizing:
            try core._yieldWhileClosing(fiber)
        case .created, .suspended, .finished:
            preconditionFailure("Generator yield while its generator is \(core._status)")
        }
        core._storeYielded(value)
        core._status = .suspended
        _ = _Fiber.suspend(fiber, owner: _core)
        return core._takeCommand()
    }
}
