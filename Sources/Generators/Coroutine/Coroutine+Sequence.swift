extension Coroutine: Sequence, IteratorProtocol where Failure == Never {
    /// Resumes the body until its next `yield`; returns the value, or `nil`
    /// once the body has ended (and every time after that).
    ///
    /// The body's paused `yield` returns `nil`. A return value is kept in
    /// ``returnValue``.
    ///
    /// ```swift
    /// let g = Generator<String> { g in try g.yield("a"); try g.yield("b") }
    /// print(g.next(), g.next(), g.next())   // Optional("a") Optional("b") nil
    /// ```
    ///
    /// - Important: This method cannot throw, so two misuses trap: calling
    ///   it on a generator that is running (from inside its own body; the
    ///   throwing methods such as ``send(_:)-(Sent)`` report that as
    ///   ``GeneratorError/alreadyExecuting(_:isAsync:)``), and a body that lets an error
    ///   of its own escape (make such a body a ``ThrowingGenerator``).
    /// - Complexity: O(1).
    @inlinable
    public func next() -> Yield? {
        if _status == .suspended {
            let fiber = _fiber.unsafelyUnwrapped
            if let value = _resumeSuspended(fiber, .next) { return value }
        } else if _status == .created, let value = _start() {
            return value
        }
        return _nextSlow()
    }

    @inlinable @inline(never)
    final func _nextSlow() -> Yield? {
        do {
            let step = try _step(.next)
            return step.yielded
        } catch is GeneratorExit {
            return nil
        } catch let error as GeneratorError where error == .alreadyExecuting(.next) {
            // `fatalError`, not `preconditionFailure`: the message is kept
            // in optimized builds too, where it is most needed.
            fatalError(
                """
                Generator.next() on a generator that is running: it was called from inside the generator's \
                own body (or through a cycle of yield(from:)). The throwing methods, such as send(_:) and \
                close(), report this as GeneratorError.alreadyExecuting instead
                """
            )
        } catch {
            fatalError(
                """
                Generator.next(): the body threw \(error). A Generator's body must throw only what its \
                yields throw; a body that throws errors of its own belongs in a ThrowingGenerator (or a \
                Coroutine whose Failure is any Error), whose next() throws
                """
            )
        }
    }

    /// Returns an iterator over the generator's values. Iterating consumes
    /// the generator: the iterator advances the generator itself.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(generator: self)
    }

    /// The iterator of a generator: a view of the generator with no state
    /// of its own, so that copies of it and the generator's own `next()`
    /// all advance the same body.
    ///
    /// ```swift
    /// let g = Generator<Int> { g in for i in 0..<4 { try g.yield(i) } }
    /// var values = g.makeIterator()
    /// print(values.next()!, g.next()!, values.next()!)   // 0 1 2
    /// ```
    ///
    /// It exists for speed: its `next()` keeps the generator and its stack
    /// in registers across the switches to the body and back, where the
    /// generator's own `next()` reloads them from memory.
    @frozen
    public struct Iterator: IteratorProtocol {
        /// The generator, which this iterator keeps alive.
        public let generator: Coroutine

        /// The same object, as the last switch handed it back.
        @usableFromInline
        var _core: Unmanaged<_CoroutineCore<Yield, Sent>>

        /// The generator's fiber, as the last switch handed it back (`nil`
        /// until the body has started here). A generator has one fiber in
        /// its life, so while it is suspended this is its fiber.
        @usableFromInline
        var _fiber: OpaquePointer?

        @inlinable
        init(generator: Coroutine) {
            self.generator = generator
            self._core = Unmanaged.passUnretained(generator)
            self._fiber = nil
        }

        /// Resumes the generator; the same as the generator's `next()`.
        ///
        /// - Complexity: O(1).
        @inlinable
        public mutating func next() -> Yield? {
            if let fiber = _fiber, _core._withUnsafeGuaranteedRef({ $0._status == .suspended }) {
                let back = _CoroutineCore._resume(_core, fiber, .next)
                (_fiber, _core) = (back.fiber, back.core)
                if let value = back.yielded { return value }
            }
            defer { _fiber = generator._fiber }
            return generator._nextSlow()
        }
    }
}

extension Coroutine where Failure == any Error {
    /// Resumes the body until its next `yield`; returns the value, or `nil`
    /// once the body has ended (and every time after that).
    ///
    /// ```swift
    /// while let row = try rows.next() { print(row) }
    /// ```
    ///
    /// - Throws: The error the body ended with (once; afterwards `nil`), or
    ///   ``GeneratorError/alreadyExecuting(_:isAsync:)``.
    /// - Complexity: O(1).
    @inlinable
    public func next() throws -> Yield? {
        if _status == .suspended {
            let fiber = _fiber.unsafelyUnwrapped
            if let value = _resumeSuspended(fiber, .next) { return value }
        } else if _status == .created, let value = _start() {
            return value
        }
        return try _step(.next).yielded
    }
}
