extension Coroutine {
    /// The handle a generator's body yields through.
    ///
    /// The body receives it as its argument. `yield` works from the body and
    /// from any function the body calls, at any depth, because the body runs
    /// on its own stack.
    ///
    /// ```swift
    /// func walk(_ tree: Tree?, _ g: Generator<Int>.Yielder) throws {
    ///     guard let tree else { return }
    ///     try walk(tree.left, g)
    ///     try g.yield(tree.value)          // yields straight to the consumer
    ///     try walk(tree.right, g)
    /// }
    /// let inOrder = Generator<Int> { g in try walk(root, g) }
    /// ```
    ///
    /// - Important: Use a yielder only on its own generator's stack: from the
    ///   body and what it calls, while the generator runs. Calling `yield`
    ///   anywhere else (after the body ended, from another generator's body,
    ///   from another thread) is a programmer error and traps.
    public struct Yielder {
        /// The generator whose fiber this yields on: the generator itself, or
        /// the delegator it runs inline in.
        ///
        /// Safety: unretained, so that a body's stack does not own its
        /// generator; the generator outlives every frame on its fiber
        /// because it closes the fiber before it goes away.
        @usableFromInline
        let _core: Unmanaged<_CoroutineCore<Yield, Sent>>

        /// The core's fiber: a `yield` switches with this copy, so that the
        /// switch does not wait for a load through the core. A core has one
        /// fiber in its life, and yielders are made only while it has it, so
        /// while the core's status is `.running` this is the core's fiber.
        @usableFromInline
        let _fiber: OpaquePointer

        @usableFromInline
        init(core: _CoroutineCore<Yield, Sent>) {
            self.init(core: Unmanaged.passUnretained(core))
        }

        @usableFromInline
        init(core: Unmanaged<_CoroutineCore<Yield, Sent>>) {
            self._core = core
            self._fiber = core._withUnsafeGuaranteedRef { $0._fiber.unsafelyUnwrapped }
        }

        /// Yields `value` to the consumer and pauses until it resumes the
        /// generator; returns what it sent (`nil` for `next()`).
        ///
        /// ```swift
        /// let g = Coroutine<Int, String, Void, Never> { g in
        ///     let reply = try g.yield(1)
        ///     print(reply ?? "nil")
        /// }
        /// _ = g.next()            // runs to `yield(1)`
        /// _ = try g.send("hi")    // prints "hi", then the body ends
        /// ```
        ///
        /// - Throws: ``GeneratorExit`` when the generator is being closed, or
        ///   the error the consumer threw in with `resume(throwing:)`.
        /// - Complexity: O(1): two stack switches, whatever the call depth.
        @inlinable @inline(__always) @discardableResult
        public func yield(_ value: Yield) throws -> Sent? {
            let resumed = _core._withUnsafeGuaranteedRef { core -> Unmanaged<_CoroutineCore<Yield, Sent>>? in
                let fiber = _fiber
                guard core._status == .running, _Fiber.isCurrent(fiber) else { return nil }
                core._storeYielded(value)
                core._status = .suspended
                // After the switch, the core comes back in a register.
                return _Fiber.suspend(fiber, owner: _core)
            }
            guard let resumed else { return try _yieldSlow(value) }
            switch resumed._withUnsafeGuaranteedRef({ $0._commandKind }) {
            case .next:
                return nil
            case .send:
                return resumed._withUnsafeGuaranteedRef { $0._takeSent() }
            case .raise, .close:
                return try _received()
            }
        }

        /// Interprets how the consumer resumed the generator. (Inlinable but
        /// never inlined: the caller gets a specialized copy, out of line.)
        @inlinable @inline(never)
        func _received() throws -> Sent? {
            try _core._withUnsafeGuaranteedRef { try $0._takeCommand().received() }
        }

        /// A `yield` while being closed, or a misuse.
        @inlinable @inline(never)
        func _yieldSlow(_ value: Yield) throws -> Sent? {
            unowned(unsafe) let core = _core.takeUnretainedValue()
            guard let fiber = core._fiber, _Fiber.isCurrent(fiber) else {
                preconditionFailure(
                    "Generator yield outside its generator's body (after it ended, or from another generator's stack)"
                )
            }
            switch core._status {
            case .closing, .finalizing:
                try core._yieldWhileClosing(fiber)
                // Python leaves the generator suspended at this yield and
                // `close()` reports that the close signal was ignored.
                core._storeYielded(value)
                core._status = .suspended
                _ = _Fiber.suspend(fiber, owner: _core)
                return try _received()
            case .created, .suspended, .running, .finished:
                preconditionFailure("Generator yield while its generator is \(core._status)")
            }
        }
    }
}

@available(*, unavailable, message: "a yielder belongs to its generator's stack")
extension Coroutine.Yielder: Sendable {}

extension Coroutine.Yielder where Yield == Void {
    /// Pauses without a value (Python's bare `yield`); returns what the
    /// consumer sent.
    @inlinable @inline(__always) @discardableResult
    public func yield() throws -> Sent? {
        try yield(())
    }
}
