/// The slow paths of an async generator whose producer runs ahead: starting,
/// parking either side, interrupting the producer and ending. The values
/// themselves travel through an ``SPSCRing`` without this lock; this machine
/// runs only when a side has to wait, wake the other, or change phase.
///
/// As for the lazy machine, every transition returns what to do once the
/// lock is released (resume a continuation, start the producer).
@usableFromInline
struct AsyncRunAheadStateMachine<Yield: Sendable, Sent: Sendable> {
    /// The lazy machine's vocabulary: the two modes hand the same values over.
    @usableFromInline
    typealias Lazy = AsyncCoroutineStateMachine<Yield, Sent>
    @usableFromInline
    typealias Outcome = Lazy.Outcome
    @usableFromInline
    typealias Command = Lazy.Command
    @usableFromInline
    typealias Producer = Lazy.Producer
    @usableFromInline
    typealias Ring = SPSCRing<Yield>

    /// Why a waiting consumer was resumed.
    @usableFromInline
    enum Wake: Sendable {
        /// Look at the queue again.
        case retry
        /// The producer took the interruption when its queue ended at
        /// `end`: drop the values before it, then wait for the answer.
        case acknowledged(end: Int)
        /// The operation is over.
        case answer(Outcome)
    }

    @usableFromInline
    typealias Waiter = UnsafeContinuation<Wake, Never>

    @usableFromInline
    enum Phase {
        case created
        case running
        /// `close()` or `resume(throwing:)` waits: the producer gets
        /// `command` at its next `yield`. It stays here once the generator
        /// was dropped, so every later `yield` gets the close signal.
        case interrupting(Command)
        /// The body ended with `error` (or normally); values may still wait.
        case ended((any Error)?)
        case finished
    }

    @usableFromInline
    var phase: Phase = .created
    /// A consumer parked for a value.
    @usableFromInline
    var valueWaiter: Waiter?
    /// A consumer waiting for the producer to take its interruption.
    @usableFromInline
    var interruptWaiter: Waiter?
    /// The producer, parked for room.
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
    /// The close that the generator's going away sends has reached the body.
    @usableFromInline
    var droppedCloseDelivered = false

    @inlinable
    init() {}

    // MARK: - Consumer side

    @usableFromInline
    enum WaitAction {
        case start
        case wait
        case resume(Wake)
    }

    /// The queue looked empty to the consumer: park it, unless a value
    /// arrived, or the body has ended, or it has to be started.
    @inlinable
    mutating func waitForValue(_ waiter: Waiter, ring: Ring, cancelled: Bool) -> WaitAction {
        switch phase {
        case .created:
            if cancelled {
                phase = .finished
                return .resume(.answer(.failed(CancellationError())))
            }
            phase = .running
            ring.setConsumerWaiting(true)
            valueWaiter = waiter
            return .start
        case .running, .interrupting:
            guard ring.consumerShouldPark() else { return .resume(.retry) }
            // The producer parks only with values waiting (more than `low`).
            assert(parked == nil, "run-ahead producer parked on an empty queue")
            valueWaiter = waiter
            return .wait
        case .ended(let error):
            if ring.consumerSeesValues { return .resume(.retry) }
            phase = .finished
            if let error { return .resume(.answer(.failed(error))) }
            return .resume(.answer(.finished))
        case .finished:
            return .resume(.answer(.exhausted))
        }
    }

    @usableFromInline
    enum InterruptAction {
        case wait
        case resume(Wake)
        /// Hand `command` to the parked producer; the queue ends at `end`.
        case resumeProducer(Producer, Command, end: Int)
    }

    /// `close()` (command `.close`) or `resume(throwing:)` (command `.raise`):
    /// the values that wait are dropped and the producer gets `command` at
    /// its next `yield`.
    @inlinable
    mutating func interrupt(_ command: Command, waiter: Waiter, ring: Ring) -> InterruptAction {
        switch phase {
        case .created:
            phase = .finished
            if case .raise(let error) = command { return .resume(.answer(.failed(error))) }
            return .resume(.answer(.finished))
        case .running:
            if case .close = command { closing = true }
            if let producer = takeParkedProducer(ring: ring) {
                return .resumeProducer(producer, command, end: ring.end)
            }
            phase = .interrupting(command)
            ring.setInterrupted(true)
            interruptWaiter = waiter
            return .wait
        case .interrupting:
            // A consumer operation waits for its interruption to be taken
            // before it ends, and only a dropped generator (no consumer) stays
            // here: a second interruption cannot meet one.
            preconditionFailure("AsyncGenerator interrupted twice")
        case .ended, .finished:
            ring.discardAll()
            phase = .finished
            if case .raise(let error) = command { return .resume(.answer(.failed(error))) }
            return .resume(.answer(.finished))
        }
    }

    /// The consumer made room down to `low`: the parked producer to wake.
    @inlinable
    mutating func takeParkedProducer(ring: Ring) -> Producer? {
        guard let producer = parked else { return nil }
        parked = nil
        ring.withdrawProducerWaiting()
        return producer
    }

    @inlinable
    mutating func started(_ task: Task<Void, Never>) {
        // The body may have ended already.
        if case .ended = phase { return }
        if case .finished = phase { return }
        self.task = task
    }

    // MARK: - Producer side

    /// The producer queued a value for a parked consumer: the consumer to wake.
    @inlinable
    mutating func takeValueWaiter(ring: Ring) -> Waiter? {
        guard let waiter = valueWaiter else { return nil }
        valueWaiter = nil
        ring.setConsumerWaiting(false)
        return waiter
    }

    @usableFromInline
    struct Interruption {
        @usableFromInline
        let command: Command
        /// The consumer waiting for the producer to take it.
        @usableFromInline
        let waiter: Waiter?
        /// Where the queue ended when the producer took it.
        @usableFromInline
        let end: Int
        /// The body yields again after the generator went away and the close
        /// reached it: nobody can resume it, so it stays suspended for good.
        @usableFromInline
        let abandon: Bool

        @inlinable
        init(command: Command, waiter: Waiter?, end: Int, abandon: Bool = false) {
            self.command = command
            self.waiter = waiter
            self.end = end
            self.abandon = abandon
        }
    }

    /// The producer found the interruption flag at a `yield`.
    @inlinable
    mutating func takeInterruption(ring: Ring) -> Interruption? {
        guard case .interrupting(let command) = phase else { return nil }
        if wasDropped {
            // The flag stays up: every later `yield` comes here.
            if droppedCloseDelivered {
                return Interruption(command: command, waiter: nil, end: ring.producerTail, abandon: true)
            }
            droppedCloseDelivered = true
        } else {
            phase = .running
            ring.setInterrupted(false)
        }
        let waiter = interruptWaiter
        interruptWaiter = nil
        return Interruption(command: command, waiter: waiter, end: ring.producerTail)
    }

    @usableFromInline
    enum ParkAction {
        case parked
        case retry
        case interrupted(Interruption)
    }

    /// The queue is full at a `yield`: park the producer, unless the
    /// consumer made room or interrupted in the meantime.
    @inlinable
    mutating func park(_ producer: Producer, ring: Ring) -> ParkAction {
        if let interruption = takeInterruption(ring: ring) { return .interrupted(interruption) }
        guard ring.producerShouldPark() else { return .retry }
        parked = producer
        return .parked
    }

    @usableFromInline
    struct Ending {
        @usableFromInline
        let waiters: [Waiter]
        @usableFromInline
        let end: Int
        /// Nobody can receive the body's error.
        @usableFromInline
        let unreported: (any Error)?

        @inlinable
        init(waiters: [Waiter], end: Int, unreported: (any Error)?) {
            self.waiters = waiters
            self.end = end
            self.unreported = unreported
        }
    }

    /// The body ended, returning or throwing `error`.
    @inlinable
    mutating func ended(error: (any Error)?, ring: Ring) -> Ending {
        task = nil
        // A body that ends by letting the close signal through closed
        // normally (spec 8.5); a `GeneratorExit` thrown in is an error (8.13).
        let closed = closing && error is GeneratorExit
        var unreported: (any Error)?
        if wasDropped, let error, !closed { unreported = error }
        phase = .ended(closed ? nil : error)
        var waiters: [Waiter] = []
        if let waiter = interruptWaiter {
            interruptWaiter = nil
            waiters.append(waiter)
        }
        if let waiter = takeValueWaiter(ring: ring) { waiters.append(waiter) }
        return Ending(waiters: waiters, end: ring.producerTail, unreported: unreported)
    }

    @usableFromInline
    enum DropAction {
        /// Close the producer parked at its `yield`.
        case close(Producer)
        /// Cancel the producer's task: it is busy elsewhere (an `await`
        /// that may never end), and nobody wants what it makes.
        case cancel(Task<Void, Never>)
        case none
    }

    /// The generator is going away: its producer gets the close signal at
    /// its next `yield`, and is abandoned at any `yield` after that.
    @inlinable
    mutating func dropped(ring: Ring) -> DropAction {
        wasDropped = true
        switch phase {
        case .running, .interrupting:
            phase = .interrupting(.close)
            closing = true
            ring.setInterrupted(true)
            if let producer = takeParkedProducer(ring: ring) { return .close(producer) }
            if let task { return .cancel(task) }
            return .none
        case .created, .ended, .finished:
            return .none
        }
    }

    @inlinable
    func generatorState(ring: Ring) -> GeneratorState {
        switch phase {
        case .created: .created
        case .running, .interrupting: ring.isConsumerBusy ? .running : .suspended
        case .ended: ring.count > 0 ? .suspended : .closed
        case .finished: .closed
        }
    }
}
