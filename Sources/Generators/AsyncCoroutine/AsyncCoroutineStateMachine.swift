/// The life of an async generator, as a value: each transition returns what
/// the caller must do once it has released the lock (resume a continuation,
/// start or cancel the producer). Nothing here suspends or calls user code.
/// It lives inside a lock; its transitions are tested on their own.
@usableFromInline
struct AsyncCoroutineStateMachine<Yield: Sendable, Sent: Sendable> {
    /// What the consumer asked the producer to do at its paused `yield`:
    /// the sync generators' commands.
    @usableFromInline
    typealias Command = _ResumeCommand<Sent>

    /// What a consumer operation ends with.
    @usableFromInline
    enum Outcome: Sendable {
        case yielded(Yield)
        /// The body ended during this operation.
        case finished
        /// The body had ended before this operation.
        case exhausted
        case failed(any Error)
    }

    @usableFromInline
    typealias Consumer = UnsafeContinuation<Outcome, Never>
    @usableFromInline
    typealias Producer = UnsafeContinuation<Command, Never>

    @usableFromInline
    enum State {
        /// Built; the body has not started.
        case created
        /// The body runs; `consumer` waits for its next yield or its end.
        case running(consumer: Consumer, closing: Bool, task: Task<Void, Never>?)
        /// The body is paused at a `yield`, waiting for a command.
        case suspended(producer: Producer, task: Task<Void, Never>?)
        /// The generator went away while the body was paused: the body runs
        /// its cleanup with the close signal, and nobody waits for it.
        case closingDropped
        /// The body has ended (its error, if any, went to the consumer that
        /// was waiting).
        case finished
    }

    @usableFromInline
    var state: State = .created

    // MARK: - Consumer side

    @usableFromInline
    enum ResumeAction {
        /// Start the body in a new task, which reports to `consumer`.
        case start
        /// Hand `command` to the paused producer.
        case resumeProducer(Producer, Command)
        /// Answer the consumer at once.
        case answer(Outcome)
        /// Another operation is in progress.
        case alreadyRunning
    }

    /// A consumer operation begins: `command` for the paused body, with the
    /// consumer's continuation to answer.
    @inlinable
    mutating func resume(_ command: Command, consumer: Consumer) -> ResumeAction {
        switch state {
        case .created:
            switch command {
            case .send where Sent.self == Void.self, .next:
                // `send(())` starts a generator whose `Sent` is `Void`, as
                // Python's `asend(None)` starts any async generator.
                state = .running(consumer: consumer, closing: false, task: nil)
                return .start
            case .send:
                state = .created
                return .answer(.failed(GeneratorError.sendToUnstarted))
            case .raise(let error):
                // The body never ran: nothing can catch it (spec 8.4).
                state = .finished
                return .answer(.failed(error))
            case .close:
                state = .finished
                return .answer(.finished)
            }
        case .suspended(let producer, let task):
            if case .close = command {
                state = .running(consumer: consumer, closing: true, task: task)
            } else {
                state = .running(consumer: consumer, closing: false, task: task)
            }
            return .resumeProducer(producer, command)
        case .running:
            return .alreadyRunning
        case .closingDropped:
            preconditionFailure("AsyncGenerator resumed after it went away")
        case .finished:
            if case .raise(let error) = command { return .answer(.failed(error)) }
            return .answer(.exhausted)
        }
    }

    /// The producer task was created (it may already have run).
    @inlinable
    mutating func started(_ task: Task<Void, Never>) {
        switch state {
        case .running(let consumer, let closing, _):
            state = .running(consumer: consumer, closing: closing, task: task)
        case .suspended(let producer, _):
            state = .suspended(producer: producer, task: task)
        case .created, .closingDropped, .finished:
            break
        }
    }

    /// The producer task to cancel when the consumer's task is cancelled.
    @inlinable
    func producerTask() -> Task<Void, Never>? {
        switch state {
        case .running(_, _, let task), .suspended(_, let task): task
        case .created, .closingDropped, .finished: nil
        }
    }

    // MARK: - Producer side

    @usableFromInline
    enum YieldAction {
        /// Suspend, and answer the consumer with the value.
        case suspend(answer: Consumer)
        /// The body yielded while being closed: answer the consumer with the
        /// ignored-close error and suspend.
        case ignoredClose(answer: Consumer)
        /// The body yielded while being closed after the generator went
        /// away: nobody can resume it, so it stays suspended for good.
        case abandon
    }

    /// The body yields: it suspends with `producer`.
    @inlinable
    mutating func yielded(producer: Producer) -> YieldAction {
        switch state {
        case .running(let consumer, let closing, let task):
            state = .suspended(producer: producer, task: task)
            return closing ? .ignoredClose(answer: consumer) : .suspend(answer: consumer)
        case .closingDropped:
            state = .finished
            return .abandon
        case .created, .suspended, .finished:
            preconditionFailure("AsyncGenerator yield outside its body")
        }
    }

    /// The body ended, returning or throwing `error`; returns the consumer
    /// to answer, or `nil` when the generator was dropped (nobody waits).
    @inlinable
    mutating func ended(error: (any Error)?) -> (Consumer, Outcome)? {
        switch state {
        case .running(let consumer, let closing, _):
            state = .finished
            // A body that ends by letting the close signal through closed
            // normally (spec 8.5).
            if let error, !(closing && error is GeneratorExit) {
                return (consumer, .failed(error))
            }
            return (consumer, .finished)
        case .closingDropped, .finished:
            state = .finished
            return nil
        case .created, .suspended:
            preconditionFailure("AsyncGenerator body ended while not running")
        }
    }

    /// The generator is going away: a paused producer to close.
    @inlinable
    mutating func dropped() -> Producer? {
        switch state {
        case .suspended(let producer, _):
            state = .closingDropped
            return producer
        case .created, .running, .closingDropped, .finished:
            return nil
        }
    }

    /// Where the generator is in its life.
    @inlinable
    var generatorState: GeneratorState {
        switch state {
        case .created: .created
        case .running: .running
        case .suspended: .suspended
        case .closingDropped, .finished: .closed
        }
    }
}

extension AsyncCoroutineStateMachine.Outcome {
    /// The yielded value, `nil` at the end, or the error thrown.
    @inlinable
    func value() throws -> Yield? {
        try step().yielded
    }

    /// The sync generators' step: the yielded value, `.returned(())` when
    /// the body ended now, `.exhausted` when it had ended before.
    @inlinable
    func step() throws -> GeneratorStep<Yield, Void> {
        switch self {
        case .yielded(let value): return .yielded(value)
        case .finished: return .returned(())
        case .exhausted: return .exhausted
        case .failed(let error): throw error
        }
    }
}
