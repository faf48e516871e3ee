/// A Python async generator (PEP 525): a body that can `await` and `yield`,
/// consumed with `for try await`, and driven with `send`, `resume(throwing:)`
/// and `close()`.
///
/// The producer runs only when asked: each `next()` runs the body up to its
/// next `yield`, where it waits until the consumer asks again, exactly as in
/// Python. ``AsyncGenerator`` is the common shape,
/// `AsyncCoroutine<Element, Void, any Error>`.
///
/// ```swift
/// let numbers = AsyncGenerator<Int> { g in
///     for i in 0..<3 {
///         try await g.yield(i)
///         try await Task.sleep(for: .milliseconds(10))
///     }
/// }
/// for try await n in numbers { print(n) }   // 0, 1, 2
/// ```
///
/// The body runs in a task of its own, started by the first `next()`.
/// Cancelling the consumer's task cancels it: the pending `await` in the
/// body (or its paused `yield`) throws `CancellationError`, its cleanup runs,
/// and the consumer's `next()` throws the error the body ends with.
///
/// - Important: Swift cannot `await` in `deinit`. When the last reference to
///   a paused generator goes away, it is closed in the background: its body
///   resumes with ``GeneratorExit`` at its `yield` and its cleanup runs, but
///   nobody waits for it. A body that runs ahead and is busy in another
///   `await` when that happens has its task cancelled too, then gets the
///   close signal at its next `yield`. To wait for the cleanup, call ``close(isolation:)`` or use
///   ``withClosing(_:isolation:_:)``.
/// - Important: One consumer operation runs at a time: a second `next()`
///   (or `send`, `resume(throwing:)`, `close`) while one is in progress throws
///   ``GeneratorError/alreadyExecuting(_:isAsync:)``.
/// - Complexity: Each value costs two task switches (a continuation resumed
///   each way). They are cheapest when both tasks share one thread: consume
///   the generator on a ``SingleThreadTaskExecutor``
///   (`withTaskExecutorPreference`), whose preference the producer takes.
public final class AsyncCoroutine<Yield: Sendable, Sent: Sendable, Failure: Error>: Sendable {
    @usableFromInline
    typealias Machine = AsyncCoroutineStateMachine<Yield, Sent>

    /// The state and the body, shared with the producer task. The generator
    /// object is not: when it goes away, the paused body is closed.
    @usableFromInline
    final class Storage: Sendable {
        /// How values reach the consumer.
        @usableFromInline
        enum Mode: Sendable {
            /// The producer runs only when asked.
            case lazy(Locked<Machine>)
            /// The producer runs ahead into a bounded buffer.
            case runAhead(RunAhead)
        }

        @usableFromInline
        let mode: Mode
        /// The run-ahead state for the per-value fast paths, which borrow it
        /// instead of retaining it: the producer and the consumer retaining
        /// one object for every value would fight over its reference count.
        /// Valid as long as this storage lives, since `mode` owns it.
        @usableFromInline
        let borrowedRunAhead: Unmanaged<RunAhead>?
        @usableFromInline
        let body: @Sendable (Yielder) async throws -> Void
        @usableFromInline
        let name: String?
        /// Set for a scoped generator, whose producer is a child task of the
        /// scope that waits here for the first `next()`; `nil` when the
        /// first `next()` starts a task of its own.
        @usableFromInline
        let startGate: _AsyncStartGate?

        init(
            name: String?,
            runAhead: (low: Int, high: Int)?,
            startGate: _AsyncStartGate? = nil,
            body: @escaping @Sendable (Yielder) async throws -> Void
        ) {
            self.name = name
            self.body = body
            self.startGate = startGate
            if let runAhead = runAhead.map({ RunAhead(low: $0.low, high: $0.high) }) {
                mode = .runAhead(runAhead)
                borrowedRunAhead = Unmanaged.passUnretained(runAhead)
            } else {
                mode = .lazy(Locked(Machine()))
                borrowedRunAhead = nil
            }
        }
    }

    /// The run-ahead state: the queue the values travel through, and the
    /// slow paths behind a lock.
    @usableFromInline
    final class RunAhead: Sendable {
        @usableFromInline
        typealias Machine = AsyncRunAheadStateMachine<Yield, Sent>

        @usableFromInline
        let ring: SPSCRing<Yield>
        @usableFromInline
        let machine = Locked(Machine())

        init(low: Int, high: Int) {
            ring = SPSCRing(low: low, high: high)
        }

        /// Why the queue did not take a value.
        @usableFromInline
        enum Refusal {
            /// `high` values wait.
            case full
            /// The consumer asked the producer to stop.
            case interrupted
        }

        /// Queues `value` and wakes a consumer that waits for it; `nil` when
        /// the value was taken, otherwise why not.
        @inlinable
        func push(_ value: Yield) -> Refusal? {
            switch ring.push(value) {
            case .pushed:
                return nil
            case .pushedToWaitingConsumer:
                wakeConsumer()
                return nil
            case .full:
                return .full
            case .interrupted:
                return .interrupted
            }
        }

        /// Takes the oldest waiting value and wakes a producer that waits for
        /// the room; `nil` when none waits. The caller holds the consumer
        /// operation.
        @inlinable
        func pop() -> Yield? {
            var wake = false
            guard let value = ring.pop(wakeProducer: &wake) else { return nil }
            if wake { wakeProducer() }
            return value
        }

        /// The fast path of `next()`: a value that waits in the queue, taken
        /// without a lock or a suspension; `nil` if there is none (or another
        /// consumer operation runs, which the slow path reports).
        @inlinable
        func takeWaitingValue() -> Yield? {
            guard ring.beginConsumerOperation() else { return nil }
            defer { ring.endConsumerOperation() }
            return pop()
        }

        /// Wakes the producer parked for room, if it still is.
        @inlinable
        func wakeProducer() {
            let ring = self.ring
            machine.withLock { $0.takeParkedProducer(ring: ring) }?.resume(returning: .next)
        }

        /// Wakes the consumer parked for a value, if it still is.
        @inlinable
        func wakeConsumer() {
            let ring = self.ring
            machine.withLock { $0.takeValueWaiter(ring: ring) }?.resume(returning: .retry)
        }
    }

    @usableFromInline
    let storage: Storage

    /// A name for diagnostics.
    public var name: String? { storage.name }

    init(
        name: String?,
        runAhead: (low: Int, high: Int)? = nil,
        startGate: _AsyncStartGate? = nil,
        body: @escaping @Sendable (Yielder) async throws -> Void
    ) {
        self.storage = Storage(name: name, runAhead: runAhead, startGate: startGate, body: body)
    }

    deinit {
        // Close a paused body in the background (Swift cannot await here).
        switch storage.mode {
        case .runAhead(let runAhead):
            let ring = runAhead.ring
            switch runAhead.machine.withLock({ $0.dropped(ring: ring) }) {
            case .close(let producer): producer.resume(returning: .close)
            case .cancel(let task): task.cancel()
            case .none: break
            }
        case .lazy(let machine):
            machine.withLock { $0.dropped() }?.resume(returning: .close)
        }
    }

    /// Where the generator is in its life (Python 3.12's
    /// `inspect.getasyncgenstate`). A generator that runs ahead is
    /// `.suspended` while no consumer waits on it.
    public var state: GeneratorState {
        switch storage.mode {
        case .runAhead(let runAhead):
            let ring = runAhead.ring
            return runAhead.machine.withLock { $0.generatorState(ring: ring) }
        case .lazy(let machine):
            return machine.withLock { $0.generatorState }
        }
    }

    // MARK: - Running

    /// Runs one consumer operation: hands `command` to the body and waits
    /// for its next `yield` or its end.
    ///
    /// It runs on the caller's actor (`isolation`), so that a consumer on an
    /// actor does not hop to the global executor and back for every value.
    @inlinable
    func perform(
        _ command: Machine.Command,
        isolation: isolated (any Actor)?
    ) async -> Machine.Outcome {
        let storage = self.storage
        let machine: Locked<Machine>
        switch storage.mode {
        case .runAhead(let runAhead): return await performRunAhead(command, runAhead, isolation: isolation)
        case .lazy(let lazy): machine = lazy
        }
        guard storage.startGate == nil else {
            // A scoped generator's producer is a child of the scope's task:
            // cancelling that task cancels it, with no handler to install.
            return await withUnsafeContinuation(isolation: isolation) { consumer in
                handOff(command, consumer: consumer, machine: machine)
            }
        }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (consumer: Machine.Consumer) in
                handOff(command, consumer: consumer, machine: machine)
            }
        } onCancel: {
            machine.withLock { $0.producerTask() }?.cancel()
        }
    }

    /// Hands `command` to the lazy body, or answers at once. Runs in the
    /// consumer's task, before it suspends.
    @inlinable
    func handOff(_ command: Machine.Command, consumer: Machine.Consumer, machine: Locked<Machine>) {
        // A consumer already cancelled delivers the cancellation to the body
        // instead of its request (spec 8.12).
        var command = command
        if case .next = command, Task.isCancelled { command = .raise(CancellationError()) }
        let action = machine.withLock { $0.resume(command, consumer: consumer) }
        switch action {
        case .start:
            startProducer()
        case .resumeProducer(let producer, let command):
            producer.resume(returning: command)
        case .answer(let outcome):
            consumer.resume(returning: outcome)
        case .alreadyRunning:
            consumer.resume(
                returning: .failed(GeneratorError.alreadyExecuting(command.operation, isAsync: true))
            )
        }
    }

    /// A consumer operation on a generator that runs ahead. A value that
    /// waits in the queue is taken without a lock or a suspension.
    @inlinable
    func performRunAhead(
        _ command: Machine.Command,
        _ runAhead: RunAhead,
        isolation: isolated (any Actor)?
    ) async -> Machine.Outcome {
        let ring = runAhead.ring
        guard ring.beginConsumerOperation() else {
            return .failed(GeneratorError.alreadyExecuting(command.operation, isAsync: true))
        }
        defer { ring.endConsumerOperation() }
        switch command {
        case .next, .send:
            break
        case .raise, .close:
            let wake = await waitRunAhead(runAhead, isolation: isolation) { waiter in
                switch runAhead.machine.withLock({ $0.interrupt(command, waiter: waiter, ring: ring) }) {
                case .wait:
                    break
                case .resume(let wake):
                    waiter.resume(returning: wake)
                case .resumeProducer(let producer, let command, let end):
                    waiter.resume(returning: .acknowledged(end: end))
                    producer.resume(returning: command)
                }
            }
            switch wake {
            case .answer(let outcome): return outcome
            case .acknowledged(let end): ring.discard(upTo: end)
            case .retry: break
            }
        }
        // Then the answer is the next value, or the end.
        while true {
            if let value = runAhead.pop() { return .yielded(value) }
            let cancelled = Task.isCancelled
            let wake = await waitRunAhead(runAhead, isolation: isolation) { waiter in
                switch runAhead.machine.withLock({ $0.waitForValue(waiter, ring: ring, cancelled: cancelled) }) {
                case .start: self.startProducer()
                case .wait: break
                case .resume(let wake): waiter.resume(returning: wake)
                }
            }
            switch wake {
            case .answer(let outcome): return outcome
            case .retry, .acknowledged: continue
            }
        }
    }

    /// Parks the consumer of a generator that runs ahead: `park` hands its
    /// continuation to the machine. Cancelling the consumer's task cancels
    /// the producer's.
    @inlinable
    func waitRunAhead(
        _ runAhead: RunAhead,
        isolation: isolated (any Actor)?,
        _ park: (RunAhead.Machine.Waiter) -> Void
    ) async -> RunAhead.Machine.Wake {
        await withTaskCancellationHandler {
            await withUnsafeContinuation(isolation: isolation) { park($0) }
        } onCancel: {
            runAhead.machine.withLock { $0.task }?.cancel()
        }
    }

    /// Starts the producer task and records it where cancellation finds it,
    /// before the body can run: the task is made under the lock, and the
    /// body's first step takes the lock (see `runBody`). Otherwise a body that
    /// cancels its consumer (or is cancelled with it) on its first run could
    /// miss the cancellation at its next `await` (found by the differential
    /// fuzzer under load).
    ///
    /// The producer prefers the consumer's task executor, if it has one: on
    /// a ``SingleThreadTaskExecutor`` both take turns on one thread.
    @inlinable
    func startProducer() {
        let storage = self.storage
        if let gate = storage.startGate {
            // The scope's child task waits at the gate.
            gate.open(run: true)
            return
        }
        let scope = _AsyncGeneratorScope.current
        scope?.started(self)
        let preference = currentTaskExecutorPreference()
        let task: Task<Void, Never>
        switch storage.mode {
        case .runAhead(let runAhead):
            task = runAhead.machine.withLock { state in
                let task = startTask(preferring: preference) { await Self.runBody(storage, scope: scope) }
                state.started(task)
                return task
            }
        case .lazy(let machine):
            task = machine.withLock { state in
                let task = startTask(preferring: preference) { await Self.runBody(storage, scope: scope) }
                state.started(task)
                return task
            }
        }
        // The cancellation handler may have run before the task was
        // recorded; it marked the consumer's task cancelled first.
        if Task.isCancelled { task.cancel() }
    }

    /// The producer task: runs the body, then answers the waiting consumer.
    @inlinable
    static func runBody(_ storage: Storage, scope: _AsyncGeneratorScope?) async {
        // Wait until `startProducer` has recorded this task.
        switch storage.mode {
        case .runAhead(let runAhead): runAhead.machine.withLock { _ in }
        case .lazy(let machine): machine.withLock { _ in }
        }
        var failure: (any Error)?
        do {
            try await storage.body(Yielder(storage: storage, scope: scope))
        } catch {
            failure = error
        }
        defer { scope?.bodyFinished() }
        switch storage.mode {
        case .runAhead(let runAhead):
            let ring = runAhead.ring
            let ending = runAhead.machine.withLock { $0.ended(error: failure, ring: ring) }
            for waiter in ending.waiters { waiter.resume(returning: .acknowledged(end: ending.end)) }
            if let unreported = ending.unreported {
                GeneratorRuntime.reportUnhandled(unreported, generator: storage.name)
            }
        case .lazy(let machine):
            if let (consumer, outcome) = machine.withLock({ $0.ended(error: failure) }) {
                consumer.resume(returning: outcome)
            } else if let failure, !(failure is GeneratorExit) {
                // Closed because it was dropped: nobody can receive the error.
                GeneratorRuntime.reportUnhandled(failure, generator: storage.name)
            }
        }
    }

    // MARK: - The protocol

    /// Runs the body to its next `yield` and returns the value, or `nil` once
    /// the body has ended.
    ///
    /// - Throws: The error the body ends with (once), `CancellationError`
    ///   when the consumer's task is cancelled, or
    ///   ``GeneratorError/alreadyExecuting(_:isAsync:)``.
    @inlinable
    public func next(isolation actor: isolated (any Actor)? = #isolation) async throws -> Yield? {
        if let runAhead = storage.borrowedRunAhead,
            let value = runAhead._withUnsafeGuaranteedRef({ $0.takeWaitingValue() })
        {
            return value
        }
        return try await perform(.next, isolation: actor).value()
    }

    /// Resumes the body, making its paused `yield` return `value` (Python's
    /// `asend`); returns what the body did next, as the sync generators'
    /// ``Coroutine/send(_:)-(Sent)`` does.
    ///
    /// ```swift
    /// let echo = AsyncCoroutine<String, String, any Error> { g in
    ///     var reply = "ready"
    ///     while let heard = try await g.yield(reply) { reply = "heard \(heard)" }
    /// }
    /// print(try await echo.next()!)         // ready
    /// print(try await echo.send("hi"))      // yielded("heard hi")
    /// ```
    ///
    /// A generator whose `Sent` is `Void` may be started with `send(())`,
    /// as Python's `asend(None)`.
    ///
    /// - Returns: `.yielded` with the next value, `.returned(())` when the
    ///   body ended during this call, `.exhausted` when it had ended before.
    /// - Throws: ``GeneratorError/sendToUnstarted`` if the body has not
    ///   started (it stays unstarted), and what ``next(isolation:)`` throws.
    @inlinable @discardableResult
    public func send(
        _ value: Sent,
        isolation actor: isolated (any Actor)? = #isolation
    ) async throws -> GeneratorStep<Yield, Void> {
        try await perform(.send(value), isolation: actor).step()
    }

    /// Resumes the body by throwing `error` at its paused `yield` (Python's
    /// `athrow`); returns what the body did next, as the sync generators'
    /// ``Coroutine/resume(throwing:)`` does.
    ///
    /// If the body catches the error and yields, this returns `.yielded`
    /// with that value; if it ends, `.returned(())`; if the error escapes,
    /// this throws it. On a generator that has not started or has ended,
    /// this throws `error` at once and runs nothing.
    @inlinable @discardableResult
    public func resume(
        throwing error: any Error,
        isolation actor: isolated (any Actor)? = #isolation
    ) async throws -> GeneratorStep<Yield, Void> {
        try await perform(.raise(error), isolation: actor).step()
    }

    /// Closes the generator (Python's `aclose`): throws ``GeneratorExit`` at
    /// its paused `yield` and waits for its cleanup, which may `await`.
    ///
    /// Does nothing on a generator that has not started (it is marked
    /// closed) or has ended.
    ///
    /// - Throws: ``GeneratorError/ignoredClose(_:isAsync:)`` if the body yielded instead
    ///   of ending (it stays suspended there), or an error its cleanup threw.
    @inlinable
    public func close(isolation actor: isolated (any Actor)? = #isolation) async throws {
        switch await perform(.close, isolation: actor) {
        case .yielded: throw GeneratorError.ignoredClose(.close, isAsync: true)
        case .finished, .exhausted: return
        case .failed(let error): throw error
        }
    }
}

extension AsyncCoroutine where Failure == any Error {
    /// Makes an async generator. Nothing runs until the first `next()`.
    ///
    /// - Parameters:
    ///   - name: A name for diagnostics.
    ///   - body: The generator's code; it yields through its argument.
    public convenience init(
        name: String? = nil,
        _ body: @escaping @Sendable (_ generator: Yielder) async throws -> Void
    ) {
        self.init(name: name, body: body)
    }
}

extension AsyncCoroutine where Failure == any Error, Sent == Void {
    /// Makes an async generator whose producer may run ahead of the consumer,
    /// into a bounded buffer: it produces until `limit` values wait, then
    /// parks until the consumer has taken them down to half of that.
    ///
    /// ```swift
    /// let lines = AsyncGenerator<String>(runAhead: 1024) { g in
    ///     for try await line in file.lines { try await g.yield(line) }
    /// }
    /// ```
    ///
    /// - Important: `close()` and `resume(throwing:)` drop the values that
    ///   wait in the buffer, and reach the body at its next `yield`.
    /// - Parameters:
    ///   - name: A name for diagnostics.
    ///   - limit: The most values that may wait (at least 1).
    ///   - body: The generator's code; it yields through its argument.
    public convenience init(
        name: String? = nil,
        runAhead limit: Int,
        _ body: @escaping @Sendable (_ generator: Yielder) async throws -> Void
    ) {
        precondition(limit >= 1, "an async generator's run-ahead limit must be at least 1")
        self.init(name: name, runAhead: (low: limit / 2, high: limit), body: body)
    }

    /// Makes an async generator whose producer runs ahead until `high`
    /// values wait, then parks until the consumer has taken them down to
    /// `low` (swift-nio's watermarks).
    public convenience init(
        name: String? = nil,
        runAheadLow low: Int,
        high: Int,
        _ body: @escaping @Sendable (_ generator: Yielder) async throws -> Void
    ) {
        precondition(high >= 1 && low >= 0 && low < high, "run-ahead watermarks need 0 <= low < high")
        self.init(name: name, runAhead: (low: low, high: high), body: body)
    }
}

extension AsyncCoroutine: AsyncSequence, AsyncIteratorProtocol where Failure == any Error {
    public typealias Element = Yield

    /// An async generator is its own iterator: iterating it consumes it.
    public func makeAsyncIterator() -> AsyncCoroutine {
        self
    }
}

/// An async generator of `Element`s whose body may throw: Python's `async
/// def` with `yield`, consumed with `for try await`.
public typealias AsyncGenerator<Element: Sendable> = AsyncCoroutine<Element, Void, any Error>
