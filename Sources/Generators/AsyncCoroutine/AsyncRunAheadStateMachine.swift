/// The state of an async generator whose producer runs ahead into a bounded
/// buffer: the producer parks when `high` values wait and resumes when the
/// consumer has brought them down to `low`. As for the lazy machine, every
/// transition returns what to do once the lock is released.
@usableFromInline
struct AsyncRunAheadStateMachine<Yield: Sendable> {
    /// The lazy machine's vocabulary: the two modes hand the same values over.
    @usableFromInline
    typealias Lazy = AsyncCoroutineStateMachine<Yield, Void>
    @usableFromInline
    typealias Outcome = Lazy.Outcome
    @usableFromInline
    typealias Command = Lazy.Command
    @usableFromInline
    typealias Consumer = Lazy.Consumer
    @usableFromInline
    typealias Producer = Lazy.Producer

    @usableFromInline
    enum Phase {
        case created
        case running
        /// `close()` or `resume(throwing:)` waits: the producer gets
        /// `command` at its next `yield`.
        case interrupting(Command)
        /// The body ended with `error` (or normally); values may still wait.
        case ended((any Error)?)
        case finished
    }

    @usableFromInline
    let low: Int
    @usableFromInline
    let high: Int
    @usableFromInline
    var phase: Phase = .created
    @usableFromInline
    var buffer = RingBuffer<Yield>()
    @usableFromInline
    var consumer: Consumer?
    @usableFromInline
    var parked: Producer?
    @usableFromInline
    var task: Task<Void, Never>?
    /// The generator went away; errors its body ends with have no consumer.
    @usableFromInline
    var wasDropped = false
    /// A close was requested: the close signal ending the body is success.
    @usableFromInline
    var closing = false

    @inlinable
    init(low: Int, high: Int) {
        precondition(high >= 1 && low >= 0 && low < high, "run-ahead watermarks need 0 <= low < high")
        self.low = low
        self.high = high
    }

    // MARK: - Consumer side

    @usableFromInline
    enum ConsumerAction {
        case start
        case answer(Outcome)
        case answerAndResume(Outcome, Producer, Command)
        case resume(Producer, Command)
        case wait
        case alreadyRunning
    }

    /// The fast path of `next()`: a value that already waits, and the
    /// parked producer to wake if that made enough room. `nil` when the
    /// consumer has to wait or the generator has ended.
    @inlinable
    mutating func takeWaitingValue() -> (Yield, Producer?)? {
        guard consumer == nil, let value = buffer.popFirst() else { return nil }
        if buffer.count <= low, let producer = parked {
            parked = nil
            return (value, producer)
        }
        return (value, nil)
    }

    @inlinable
    mutating func next(consumer waiting: Consumer, cancelled: Bool) -> ConsumerAction {
        guard consumer == nil else { return .alreadyRunning }
        if let value = buffer.popFirst() {
            if buffer.count <= low, let producer = parked {
                parked = nil
                return .answerAndResume(.yielded(value), producer, .next)
            }
            return .answer(.yielded(value))
        }
        switch phase {
        case .created:
            if cancelled {
                phase = .finished
                return .answer(.failed(CancellationError()))
            }
            phase = .running
            consumer = waiting
            return .start
        case .running, .interrupting:
            consumer = waiting
            return .wait
        case .ended(let error):
            phase = .finished
            if let error { return .answer(.failed(error)) }
            return .answer(.finished)
        case .finished:
            return .answer(.finished)
        }
    }

    /// `close()` (command `.close`) or `resume(throwing:)` (command `.raise`):
    /// drops what waits in the buffer and interrupts the producer at its
    /// next `yield`.
    @inlinable
    mutating func interrupt(_ command: Command, consumer waiting: Consumer) -> ConsumerAction {
        guard consumer == nil else { return .alreadyRunning }
        switch phase {
        case .created:
            phase = .finished
            if case .raise(let error) = command { return .answer(.failed(error)) }
            return .answer(.finished)
        case .running:
            buffer.removeAll()
            consumer = waiting
            if case .close = command { closing = true }
            if let producer = parked {
                parked = nil
                phase = .running
                return .resume(producer, command)
            }
            phase = .interrupting(command)
            return .wait
        case .interrupting:
            return .alreadyRunning
        case .ended, .finished:
            buffer.removeAll()
            phase = .finished
            if case .raise(let error) = command { return .answer(.failed(error)) }
            return .answer(.finished)
        }
    }

    @inlinable
    mutating func started(_ task: Task<Void, Never>) {
        self.task = task
    }

    // MARK: - Producer side

    @usableFromInline
    enum YieldAction {
        /// Go on producing.
        case proceed
        /// Go on producing; hand the value to the waiting consumer.
        case handOff(Consumer)
        /// Park until the consumer drains the buffer (or interrupts).
        case park
        /// Throw the consumer's command at this yield.
        case interrupted(Command)
    }

    @inlinable
    mutating func yielded(_ value: Yield) -> YieldAction {
        switch phase {
        case .interrupting(let command):
            phase = .running
            return .interrupted(command)
        case .running:
            if let waiting = consumer {
                consumer = nil
                return .handOff(waiting)
            }
            buffer.append(value)
            return buffer.count >= high ? .park : .proceed
        case .created, .ended, .finished:
            preconditionFailure("AsyncGenerator yield outside its body")
        }
    }

    /// Parks the producer, unless the consumer made room or interrupted in
    /// the meantime: then returns the command to go on with.
    @inlinable
    mutating func park(_ producer: Producer) -> Command? {
        if case .interrupting(let command) = phase {
            phase = .running
            return command
        }
        if buffer.count > low {
            parked = producer
            return nil
        }
        return .next
    }

    /// The body ended; returns the consumer to answer, if one waits.
    @inlinable
    mutating func ended(error: (any Error)?) -> (Consumer, Outcome)? {
        task = nil
        if let waiting = consumer {
            consumer = nil
            phase = .finished
            buffer.removeAll()
            if let error, !(error is GeneratorExit && closing) { return (waiting, .failed(error)) }
            return (waiting, .finished)
        }
        phase = .ended(error is GeneratorExit ? nil : error)
        return nil
    }

    /// The generator is going away: a parked producer to close.
    @inlinable
    mutating func dropped() -> Producer? {
        wasDropped = true
        buffer.removeAll()
        switch phase {
        case .running:
            if let producer = parked {
                parked = nil
                return producer
            }
            phase = .interrupting(.close)
            closing = true
            return nil
        case .created, .interrupting, .ended, .finished:
            return nil
        }
    }

    @inlinable
    var generatorState: GeneratorState {
        switch phase {
        case .created: .created
        case .running, .interrupting: consumer == nil ? .suspended : .running
        case .ended: buffer.isEmpty ? .closed : .suspended
        case .finished: .closed
        }
    }
}

/// A first-in, first-out buffer that keeps its storage between uses.
@usableFromInline
struct RingBuffer<Element> {
    @usableFromInline
    var storage: [Element?] = []
    @usableFromInline
    var head = 0
    @usableFromInline
    var count = 0

    @inlinable
    var isEmpty: Bool { count == 0 }

    @inlinable
    mutating func append(_ element: Element) {
        if count == storage.count {
            grow()
        }
        storage[(head + count) % storage.count] = element
        count += 1
    }

    @inlinable
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head].take()
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    @inlinable
    mutating func removeAll() {
        while popFirst() != nil {}
        head = 0
    }

    @inlinable
    mutating func grow() {
        var bigger = [Element?](repeating: nil, count: Swift.max(16, storage.count * 2))
        for index in 0..<count {
            bigger[index] = storage[(head + index) % storage.count].take()
        }
        storage = bigger
        head = 0
    }
}
