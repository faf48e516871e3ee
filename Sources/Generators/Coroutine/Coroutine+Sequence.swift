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
    ///   throwing methods such as ``send(_:)`` report that as
    ///   ``GeneratorError/alreadyExecuting``), and a body that lets an error
    ///   of its own escape (make such a body a ``ThrowingGenerator``).
    /// - Complexity: O(1).
    @inlinable
    public func next() -> Yield? {
        if _status == .suspended {
            let fiber = _fiber.unsafelyUnwrapped
            if _resumeSuspended(fiber, .next) { return _takeYielded() }
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
        } catch {
            preconditionFailure(
                "Generator.next(): \(error). A body that throws belongs in a ThrowingGenerator; send(_:) reports this as an error"
            )
        }
    }

    /// A generator is its own iterator: iterating it consumes it.
    @inlinable
    public func makeIterator() -> Coroutine {
        self
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
    ///   ``GeneratorError/alreadyExecuting``.
    /// - Complexity: O(1).
    @inlinable
    public func next() throws -> Yield? {
        if _status == .suspended {
            let fiber = _fiber.unsafelyUnwrapped
            if _resumeSuspended(fiber, .next) { return _takeYielded() }
        }
        return try _step(.next).yielded
    }
}
