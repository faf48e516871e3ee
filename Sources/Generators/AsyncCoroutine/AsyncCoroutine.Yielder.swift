extension AsyncCoroutine {
    /// The handle an async generator's body yields through.
    public struct Yielder: Sendable {
        @usableFromInline
        let storage: Storage

        @usableFromInline
        init(storage: Storage) {
            self.storage = storage
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
            if let runAhead = storage.borrowedRunAhead {
                if runAhead._withUnsafeGuaranteedRef({ $0.tryPush(value) }) { return nil }
                try await Self.yieldAhead(value, runAhead.takeUnretainedValue())
                return nil
            }
            let command = await withUnsafeContinuation { (producer: Machine.Producer) in
                switch storage.machine.withLock({ $0.yielded(producer: producer) }) {
                case .suspend(let consumer):
                    consumer.resume(returning: .yielded(value))
                case .ignoredClose(let consumer):
                    consumer.resume(returning: .failed(GeneratorError.ignoredClose))
                }
            }
            switch command {
            case .next: return nil
            case .send(let value): return value
            case .raise(let error): throw error
            case .close: throw GeneratorExit()
            }
        }
    }
}

extension AsyncCoroutine.Yielder {
    /// `yield` for a producer that runs ahead: it queues the value without a
    /// lock and waits only when the queue is full.
    @inlinable
    static func yieldAhead(_ value: Yield, _ runAhead: AsyncCoroutine.RunAhead) async throws {
        let ring = runAhead.ring
        while true {
            let command: AsyncCoroutine.Machine.Command
            switch ring.push(value) {
            case .pushed:
                return
            case .pushedToWaitingConsumer:
                runAhead.wakeConsumer()
                return
            case .interrupted:
                guard let interruption = runAhead.machine.withLock({ $0.takeInterruption(ring: ring) }) else {
                    continue
                }
                interruption.waiter?.resume(returning: .acknowledged(end: interruption.end))
                command = interruption.command
            case .full:
                command = await withUnsafeContinuation { producer in
                    switch runAhead.machine.withLock({ $0.park(producer, ring: ring) }) {
                    case .parked:
                        break
                    case .retry:
                        producer.resume(returning: .next)
                    case .interrupted(let interruption):
                        interruption.waiter?.resume(returning: .acknowledged(end: interruption.end))
                        producer.resume(returning: interruption.command)
                    }
                }
            }
            switch command {
            case .next, .send: continue
            case .raise(let error): throw error
            case .close: throw GeneratorExit()
            }
        }
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
