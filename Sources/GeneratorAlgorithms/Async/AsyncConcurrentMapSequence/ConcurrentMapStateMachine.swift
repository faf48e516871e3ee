/// The state of one iteration of a concurrent map: what has been read,
/// what runs, what waits, and who waits. A value type, only touched under
/// the storage's lock; every decision of the operator is made here, and the
/// storage carries out the returned actions outside the lock.
///
/// Elements are numbered as they are read. The results wait in a ring of
/// slots from the next one to hand out: by element number when ordered, by
/// completion when not (so that every result is at the head of the line
/// when it is stored).
@usableFromInline
struct _ConcurrentMapStateMachine<Element: Sendable, Output: Sendable> {
    @usableFromInline
    typealias Outcome = Result<Output, any Error>

    /// What wakes a parked worker.
    @usableFromInline
    enum Wake: Sendable {
        /// Transform element `number`.
        case transform(Element, number: Int)
        /// Read: the worker holds the read turn.
        case read
        /// End.
        case stop
    }

    @usableFromInline
    typealias Parked = UnsafeContinuation<Wake, Never>

    /// The most transforms running at once.
    @usableFromInline
    let maxConcurrency: Int
    @usableFromInline
    let ordered: Bool
    /// The results not handed out yet, at `number & mask`.
    @usableFromInline
    var slots: [Outcome?]
    @usableFromInline
    let mask: Int

    /// Elements read (a base error counts as one).
    @usableFromInline
    var read = 0
    /// Results handed out (the head slot's number).
    @usableFromInline
    var handedOut = 0
    /// Transforms running: read, not finished.
    @usableFromInline
    var running = 0
    /// Results stored and not handed out.
    @usableFromInline
    var waiting = 0
    /// Of those, the ones in a row from the head: ready for the consumer.
    /// The others wait for an earlier one.
    @usableFromInline
    var readyAtHead = 0
    /// A worker holds the read turn.
    @usableFromInline
    var reading = false
    /// The base ended or threw.
    @usableFromInline
    var exhausted = false
    /// Nothing more is handed out: the end, an error or a cancellation
    /// reached the consumer, or the iterator went away.
    @usableFromInline
    var finished = false
    /// The consumer's task was cancelled before its `next()` could wait.
    @usableFromInline
    var cancelledBeforeWaiting = false
    /// The consumer waiting in `next()`.
    @usableFromInline
    var consumer: UnsafeContinuation<Output?, any Error>?
    /// A `next()` waits, or is about to.
    @usableFromInline
    var consuming = false
    /// The first `next()` came: it starts the first worker.
    @usableFromInline
    var started = false
    /// The task executor of the consumer's first `next()`, which the workers
    /// prefer (as a task group's child tasks would).
    @usableFromInline
    var preference: (any TaskExecutor)?
    /// The worker tasks, by number, to cancel.
    @usableFromInline
    var workers: [Int: Task<Void, Never>] = [:]
    /// Workers with nothing to do, waiting to be handed an element or the
    /// read turn: a burst of transforms that end together is refilled
    /// without making tasks. At most `maxConcurrency`.
    @usableFromInline
    var idle: [(worker: Int, parked: Parked)] = []
    @usableFromInline
    var nextWorker = 0

    @inlinable
    init(maxConcurrency: Int, ordered: Bool) {
        self.maxConcurrency = maxConcurrency
        self.ordered = ordered
        // At most 3 × maxConcurrency - 1 elements are read and not handed
        // out (see `mayRead`): the ring never wraps onto a live slot.
        var capacity = 4
        while capacity < 4 * maxConcurrency { capacity <<= 1 }
        slots = Array(repeating: nil, count: capacity)
        mask = capacity - 1
    }

    /// Whether another element may be read: fewer than `maxConcurrency`
    /// transforms run, fewer than as many results wait for an earlier one,
    /// and fewer than as many for the consumer.
    @inlinable
    var mayRead: Bool {
        !exhausted && !finished && !reading && running < maxConcurrency
            && waiting - readyAtHead < maxConcurrency && readyAtHead < maxConcurrency
    }

    /// Whether nothing more can come: everything read has been handed out.
    @inlinable
    var drained: Bool {
        exhausted && !reading && running == 0 && waiting == 0
    }

    // MARK: Workers

    /// A worker to give an element or the read turn to: an idle one, or a
    /// new one the caller starts and records with `started(_:_:)`.
    @usableFromInline
    enum Helper {
        case idle(Parked)
        case new(worker: Int)
    }

    @inlinable
    mutating func helper() -> Helper {
        if let (_, parked) = idle.popLast() { return .idle(parked) }
        return .new(worker: newWorker())
    }

    /// Takes the read turn for a helper, if another element may be read.
    @inlinable
    mutating func takeReadTurnForHelper() -> Helper? {
        guard mayRead else { return nil }
        reading = true
        return helper()
    }

    /// A number for a new worker, which the caller starts and records with
    /// `started(_:_:)`.
    @inlinable
    mutating func newWorker() -> Int {
        nextWorker += 1
        return nextWorker
    }

    @inlinable
    mutating func started(_ worker: Int, _ task: Task<Void, Never>) {
        workers[worker] = task
    }

    /// What a worker does after reading an element.
    @usableFromInline
    enum AfterRead {
        /// Transform the element numbered `number` here: no other may be
        /// read now, and the read turn is given back.
        case transform(number: Int)
        /// Another element may be read: the worker keeps the read turn and
        /// hands element `number` to `helper`.
        case handOver(number: Int, to: Helper)
        /// The iteration is over: end the worker.
        case stop
    }

    /// A worker read an element.
    @inlinable
    mutating func elementRead(by worker: Int) -> AfterRead {
        reading = false
        guard !finished else {
            workers[worker] = nil
            return .stop
        }
        let number = read
        read += 1
        running += 1
        guard mayRead else { return .transform(number: number) }
        reading = true
        return .handOver(number: number, to: helper())
    }

    /// A worker found the base's end, or its error. Returns the consumer to
    /// resume, with what to resume it with.
    @inlinable
    mutating func baseEnded(by worker: Int, throwing error: (any Error)?) -> Delivery? {
        reading = false
        exhausted = true
        workers[worker] = nil
        // Nothing more to hand out to idle workers.
        stopIdleWorkers()
        guard !finished else { return nil }
        if let error {
            // After the results before it, when ordered.
            store(.failure(error), number: read)
            read += 1
        }
        return deliverIfWaiting()
    }

    /// What a worker does after its transform, once it resumed the consumer.
    @usableFromInline
    enum Next {
        /// Read: the worker holds the read turn.
        case read
        /// Wait to be handed work (`park(_:by:)`).
        case park
        /// End.
        case stop
    }

    /// What a worker does after its transform: resume the consumer, then
    /// `next`.
    @usableFromInline
    struct AfterTransform {
        @usableFromInline
        var delivery: Delivery?
        @usableFromInline
        var next: Next

        @inlinable
        init(delivery: Delivery?, next: Next) {
            self.delivery = delivery
            self.next = next
        }
    }

    /// A worker's transform of element `number` ended with `outcome`.
    @inlinable
    mutating func transformed(_ number: Int, _ outcome: Outcome, by worker: Int) -> AfterTransform {
        running -= 1
        guard !finished else {
            workers[worker] = nil
            return AfterTransform(delivery: nil, next: .stop)
        }
        store(outcome, number: number)
        let delivery = deliverIfWaiting()
        if mayRead {
            reading = true
            return AfterTransform(delivery: delivery, next: .read)
        }
        if !exhausted, idle.count < maxConcurrency {
            return AfterTransform(delivery: delivery, next: .park)
        }
        workers[worker] = nil
        return AfterTransform(delivery: delivery, next: .stop)
    }

    /// A worker with nothing to do waits for work, unless there is some now
    /// or there will be none. Returns what to wake it with at once, if so.
    @inlinable
    mutating func park(_ parked: Parked, by worker: Int) -> Wake? {
        if finished || exhausted {
            workers[worker] = nil
            return .stop
        }
        if mayRead {
            reading = true
            return .read
        }
        idle.append((worker, parked))
        return nil
    }

    /// Wakes the idle workers to end; they need no cancelling.
    @inlinable
    mutating func stopIdleWorkers() {
        for (worker, parked) in idle {
            workers[worker] = nil
            parked.resume(returning: .stop)
        }
        idle = []
    }

    @inlinable
    mutating func store(_ outcome: Outcome, number: Int) {
        // Unordered, every result goes to the end of the line: the waiting
        // results are all in a row from the head.
        let slot = ordered ? number : handedOut + waiting
        slots[slot & mask] = outcome
        waiting += 1
        if slot == handedOut + readyAtHead {
            readyAtHead += 1
            while readyAtHead < waiting, slots[(handedOut + readyAtHead) & mask] != nil {
                readyAtHead += 1
            }
        }
    }

    // MARK: The consumer

    /// What the consumer's `next()` gets.
    @usableFromInline
    enum Answer {
        /// A result, or the end (`nil`).
        case outcome(Result<Output?, any Error>)
        /// Nothing yet: wait.
        case wait
    }

    /// A consumer to resume with an answer, and the workers to cancel once
    /// it ended the iteration.
    @usableFromInline
    struct Delivery {
        @usableFromInline
        let consumer: UnsafeContinuation<Output?, any Error>
        @usableFromInline
        let outcome: Result<Output?, any Error>
        @usableFromInline
        let cancel: [Task<Void, Never>]

        @inlinable
        init(
            consumer: UnsafeContinuation<Output?, any Error>,
            outcome: Result<Output?, any Error>,
            cancel: [Task<Void, Never>]
        ) {
            self.consumer = consumer
            self.outcome = outcome
            self.cancel = cancel
        }

        @inlinable
        func resume() {
            consumer.resume(with: outcome)
            for task in cancel { task.cancel() }
        }
    }

    /// The consumer asks, without waiting: a result, the end, or `.wait`.
    /// `cancel` receives the workers to cancel when the answer ends the
    /// iteration.
    @inlinable
    mutating func take(cancel: inout [Task<Void, Never>]) -> Answer {
        if finished { return .outcome(.success(nil)) }
        if readyAtHead > 0 {
            let slot = handedOut & mask
            let outcome = slots[slot].unsafelyUnwrapped
            slots[slot] = nil
            handedOut += 1
            readyAtHead -= 1
            waiting -= 1
            switch outcome {
            case .success(let value):
                return .outcome(.success(value))
            case .failure(let error):
                cancel = finish()
                return .outcome(.failure(error))
            }
        }
        if drained {
            cancel = finish()
            return .outcome(.success(nil))
        }
        return .wait
    }

    /// Ends the iteration: nothing more is handed out. Returns the workers
    /// to cancel.
    @inlinable
    mutating func finish() -> [Task<Void, Never>] {
        finished = true
        // Resumed under the lock: resuming only enqueues the task.
        stopIdleWorkers()
        defer { workers = [:] }
        return Array(workers.values)
    }

    /// Hands the head result to the waiting consumer, if there is one and
    /// the head is ready (or nothing more can come).
    @inlinable
    mutating func deliverIfWaiting() -> Delivery? {
        guard let consumer else { return nil }
        var cancel: [Task<Void, Never>] = []
        guard case .outcome(let outcome) = take(cancel: &cancel) else { return nil }
        self.consumer = nil
        consuming = false
        return Delivery(consumer: consumer, outcome: outcome, cancel: cancel)
    }

    /// The consumer waits for the head result.
    @inlinable
    mutating func wait(_ consumer: UnsafeContinuation<Output?, any Error>) -> Delivery? {
        if cancelledBeforeWaiting {
            cancelledBeforeWaiting = false
            consuming = false
            return Delivery(consumer: consumer, outcome: .failure(CancellationError()), cancel: [])
        }
        self.consumer = consumer
        return deliverIfWaiting()
    }

    /// The consumer's task was cancelled while in `next()`: the iteration
    /// ends with `CancellationError`. Returns the waiting consumer (if it
    /// already waits) and the workers to cancel.
    @inlinable
    mutating func cancel() -> (UnsafeContinuation<Output?, any Error>?, [Task<Void, Never>]) {
        guard !finished else { return (nil, []) }
        let consumer = self.consumer
        self.consumer = nil
        if consumer == nil {
            cancelledBeforeWaiting = true
        } else {
            consuming = false
        }
        return (consumer, finish())
    }
}
