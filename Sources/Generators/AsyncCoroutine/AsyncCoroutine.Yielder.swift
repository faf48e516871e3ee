extension AsyncCoroutine {
    /// The handle an async generator's body yields through.
    public struct Yielder: Sendable {
        @usableFromInline
        let storage: Storage
        /// The ``withAsyncGeneratorScope(isolation:_:)`` the body started
        /// in, told when the body is abandoned.
        @usableFromInline
        let scope: _AsyncGeneratorScope?

        @usableFromInline
        init(storage: Storage, scope: _AsyncGeneratorScope?) {
            self.storage = storage
            self.scope = scope
        }

        /// Hands `value` to the consumer and waits until it asks again;
        /// returns what it sent (`nil` for `next()`).
        ///
        /// - Throws: ``GeneratorExit`` when the generator is being closed,
        ///   the error the consumer threw in with `resume(throwing:)`, and
        ///   `CancellationError` when the consumer's task is cancelled.
        @inlinable @discardableResult
        public func yield(_ value: Yield) async throws -> Sent? {
            let storage = self.storage
            let machine: Locked<Machine>
            switch storage.mode {
            case .runAhead:
                let runAhead = storage.borrowedRunAhead.unsafelyUnwrapped
                if let refusal = runAhead._withUnsafeGuaranteedRef({ $0.push(value) }) {
                    try await yieldAhead(value, after: refusal, runAhead.takeUnretainedValue())
                }
                return nil
            case .lazy(let lazy):
                machine = lazy
            }
            let command = await withUnsafeContinuation { (producer: Machine.Producer) in
                switch machine.withLock({ $0.yielded(producer: producer) }) {
                case .suspend(let consumer):
                    consumer.resume(returning: .yielded(value))
                case .ignoredClose(let consumer):
                    consumer.resume(returning: .failed(GeneratorError.ignoredClose(.close, isAsync: true)))
                case .abandon:
                    // `producer` is never resumed: the body's task stays
                    // suspended here for good (see `abandonedGenerators`).
                    reportAbandoned(suspension: producer)
                }
            }
            _ThreadSanitizer.continuationAwaited()
            return try command.received()
        }
    }
}

extension AsyncCoroutine.Yielder {
    /// The slow path of `yield` for a producer that runs ahead, once the
    /// queue refused `value`: it parks while the queue is full and takes the
    /// consumer's interruption, then queues the value.
    @inlinable
    func yieldAhead(
        _ value: Yield,
        after refusal: AsyncCoroutine.RunAhead.Refusal,
        _ runAhead: AsyncCoroutine.RunAhead
    ) async throws {
        let ring = runAhead.ring
        var refusal = refusal
        while true {
            let command: AsyncCoroutine.Machine.Command
            switch refusal {
            case .interrupted:
                if let interruption = runAhead.machine.withLock({ $0.takeInterruption(ring: ring) }) {
                    if interruption.abandon { await abandon() }
                    interruption.waiter?.resume(returning: .acknowledged(end: interruption.end))
                    command = interruption.command
                } else {
                    command = .next
                }
            case .full:
                command = await withUnsafeContinuation { producer in
                    switch runAhead.machine.withLock({ $0.park(producer, ring: ring) }) {
                    case .parked:
                        break
                    case .retry:
                        producer.resume(returning: .next)
                    case .interrupted(let interruption) where interruption.abandon:
                        // `producer` is never resumed (see `abandon`).
                        reportAbandoned(suspension: producer)
                    case .interrupted(let interruption):
                        interruption.waiter?.resume(returning: .acknowledged(end: interruption.end))
                        producer.resume(returning: interruption.command)
                    }
                }
                _ThreadSanitizer.continuationAwaited()
            }
            _ = try command.received()
            guard let next = runAhead.push(value) else { return }
            refusal = next
        }
    }
}

extension AsyncCoroutine.Yielder {
    /// A body that yields again after its generator went away and the close
    /// reached it: it is reported and stays suspended for good, since
    /// nobody can resume it (see ``GeneratorRuntime/abandonedGenerators``).
    @usableFromInline
    func abandon() async -> Never {
        await withUnsafeContinuation { (suspension: UnsafeContinuation<Void, Never>) in
            reportAbandoned(suspension: suspension)
        }
        fatalError("swift-generators: an abandoned async generator body was resumed")
    }

    @usableFromInline
    func reportAbandoned(suspension: any Sendable) {
        GeneratorRuntime.recordAbandoned(
            GeneratorError.ignoredClose(.finalization, isAsync: true),
            generator: storage.name,
            suspension: suspension
        )
        // It never ends: a scope must not wait for it.
        scope?.bodyFinished()
    }
}

extension AsyncCoroutine.Yielder where Yield == Void {
    /// Pauses without a value; returns what the consumer sent.
    @discardableResult
    public func yield() async throws -> Sent? {
        try await yield(())
    }
}

extension AsyncCoroutine.Yielder where Sent == Void {
    /// Yields every element of `sequence` in turn, waiting for the consumer
    /// each time (Python's `async for x in source: yield x`; Python has no
    /// `yield from` in async generators).
    ///
    /// ```swift
    /// let small = Generator<Int> { g in try g.yield(1); try g.yield(2) }
    /// let numbers = AsyncGenerator<Int> { g in
    ///     try await g.yield(from: otherAsyncGenerator)
    ///     try await g.yield(0)
    /// }
    /// ```
    /// ```swift
    /// for try await n in small.async { print(n) }   // 1, 2
    /// ```
    ///
    /// - Throws: What `sequence` throws, and what `yield` throws.
    public func yield<Source: AsyncSequence>(from sequence: Source) async throws
    where Source.Element == Yield {
        for try await element in sequence {
            try await yield(element)
        }
    }
}
