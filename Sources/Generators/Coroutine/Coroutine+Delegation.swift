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
    /// ``GeneratorError/alreadyExecuting``. A generator that was already
    /// started, or one met when less than 64 KiB of this stack is left, runs
    /// on its own stack and is resumed value by value.
    ///
    /// - Throws: ``GeneratorExit`` when this generator is being closed,
    ///   ``GeneratorError/alreadyExecuting`` for a delegation cycle, and
    ///   what `generator` throws.
    /// - Complexity: O(1) per value for a generator that has not started.
    @discardableResult
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
            return Self._result(of: generator)
        case .running, .closing, .finalizing:
            throw GeneratorError.alreadyExecuting
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
    /// - Complexity: O(1) per element, plus the sequence's own work.
    @inlinable @_disfavoredOverload
    public func yield<S: Sequence>(from sequence: S) throws where S.Element == Yield, Sent == Void {
        for element in sequence {
            try yield(element)
        }
    }

    /// What delegating to an already finished generator evaluates to: its
    /// return value (or `()`).
    static func _result<SubReturn, SubFailure>(
        of generator: Coroutine<Yield, Sent, SubReturn, SubFailure>
    ) -> SubReturn {
        if let value = generator._returnValue { return value }
        if SubReturn.self == Void.self { return () as! SubReturn }
        preconditionFailure("Generator yield(from:) a generator that ended without a return value")
    }

    /// Runs a generator that has not started on the host's fiber.
    func _delegateInline<SubReturn, SubFailure>(
        to generator: Coroutine<Yield, Sent, SubReturn, SubFailure>
    ) throws -> SubReturn {
        unowned(unsafe) let host = _core.takeUnretainedValue()
        generator._status = .running
        generator._host = host
        defer { generator._host = nil }
        let result: SubReturn
        do {
            result = try generator._body(Coroutine<Yield, Sent, SubReturn, SubFailure>.Yielder(core: _core))
        } catch {
            generator._status = .finished
            generator._endReported = true
            throw error
        }
        generator._status = .finished
        generator._storeReturn(result)
        generator._endReported = true
        if host._status == .closing || host._status == .finalizing {
            // The delegate caught the close signal and returned: the close
            // goes on in the delegator (PEP 380).
            throw _closeSignal
        }
        return result
    }

    /// Forwards every resume to a generator that runs on its own fiber.
    func _delegateByResuming<SubReturn, SubFailure>(
        _ generator: Coroutine<Yield, Sent, SubReturn, SubFailure>
    ) throws -> SubReturn {
        var command: _ResumeCommand<Sent> = .next
        while true {
            if case .close = command {
                try generator.close()
                throw _closeSignal
            }
            switch try generator._step(command) {
            case .yielded(let value):
                command = try _handOff(value)
            case .returned(let value):
                return value
            case .exhausted:
                return Self._result(of: generator)
            }
        }
    }

    /// Yields `value` and returns how the consumer resumed, without acting
    /// on it (the delegation loop forwards it).
    func _handOff(_ value: Yield) throws -> _ResumeCommand<Sent> {
        unowned(unsafe) let core = _core.takeUnretainedValue()
        let fiber = core._fiber.unsafelyUnwrapped
        switch core._status {
        case .running, .closing:
            core._storeYielded(value)
            core._status = .suspended
            _ = _Fiber.suspend(fiber, owner: _core)
            return core._takeCommand()
        case .finalizing:
            throw core._yieldedWhileFinalizing()
        case .created, .suspended, .finished:
            preconditionFailure("Generator yield while its generator is \(core._status)")
        }
    }
}
