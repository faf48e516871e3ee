/// The hand-off between a streamed body's producer (the generator's side) and its writer (the
/// connection's side), as a value: every transition happens under the storage's lock and
/// returns what to do after the lock is released (resume a continuation), never does it.
///
/// The producer appends encoded bytes to one buffer; the writer takes the whole buffer at each
/// turn. So a writer that keeps up gets each value as soon as it is made, and one that falls
/// behind gets them in batches, while the producer parks once `highWaterMark` bytes wait.
struct _StreamingBodyStateMachine {
    typealias Continuation = CheckedContinuation<Void, Never>

    /// How a stream ended, as the writer learns it.
    enum End {
        case finished
        case failed(any Error)
        /// The server is shutting down: the writer ends the stream early.
        case shutDown
    }

    /// What the writer gets at its turn.
    enum Take {
        case bytes([UInt8])
        case heartbeat
        case end(End)
        case cancelled
        case wait
    }

    private var buffer: [UInt8] = []
    private var end: End?
    private var cancelled = false
    private var heartbeatDue = false
    private var producer: Continuation?
    private var writer: Continuation?
    /// When the writer last finished a write, or began waiting: idleness is measured from here.
    private var lastProgress: ContinuousClock.Instant
    /// When the write in progress began; `nil` between writes.
    private var writeStarted: ContinuousClock.Instant?

    let highWaterMark: Int
    /// How long the stream may be idle before a heartbeat; `nil` for none.
    let heartbeat: Duration?
    /// How long one write may make no progress; `nil` for no limit.
    let sendTimeout: Duration?

    init(highWaterMark: Int, heartbeat: Duration?, sendTimeout: Duration?, now: ContinuousClock.Instant) {
        self.highWaterMark = highWaterMark
        self.heartbeat = heartbeat
        self.sendTimeout = sendTimeout
        self.lastProgress = now
    }

    // MARK: - Producer

    enum Produced {
        /// Go on; resume the writer if one is given.
        case proceed(resumeWriter: Continuation?)
        /// The buffer is full: park (``producerPark(_:)``), then go on.
        case park(resumeWriter: Continuation?)
        /// Nobody will write any more: stop producing.
        case stop
    }

    /// Appends `bytes` (left empty, keeping its capacity, when they were taken).
    mutating func produced(_ bytes: inout [UInt8]) -> Produced {
        if cancelled || end != nil { return .stop }
        if buffer.isEmpty {
            swap(&buffer, &bytes)
        } else {
            buffer.append(contentsOf: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        let writer = self.writer
        self.writer = nil
        return buffer.count >= highWaterMark ? .park(resumeWriter: writer) : .proceed(resumeWriter: writer)
    }

    /// Parks the producer until the writer has taken the buffer; `true` to resume at once.
    mutating func producerPark(_ continuation: Continuation) -> Bool {
        if cancelled || end != nil || buffer.count < highWaterMark { return true }
        producer = continuation
        return false
    }

    /// The producer has ended, by finishing or failing; returns the writer to resume.
    mutating func producerEnded(_ ending: End) -> Continuation? {
        if end == nil { end = ending }
        let writer = self.writer
        self.writer = nil
        return writer
    }

    /// The server asks the stream to end: what was produced is written, then the writer
    /// ends; returns whom to resume.
    mutating func shutDown() -> [Continuation] {
        if end == nil { end = .shutDown }
        return takeWaiting()
    }

    /// Both sides' continuations, if they wait, to resume.
    private mutating func takeWaiting() -> [Continuation] {
        var waiting: [Continuation] = []
        if let producer { waiting.append(producer) }
        if let writer { waiting.append(writer) }
        producer = nil
        writer = nil
        return waiting
    }

    // MARK: - Writer

    /// The writer's turn: bytes first, then the end, then a heartbeat that fell due.
    mutating func take(reusing spare: inout [UInt8]) -> (Take, resumeProducer: Continuation?) {
        if cancelled { return (.cancelled, nil) }
        if !buffer.isEmpty {
            var bytes = spare
            bytes.removeAll(keepingCapacity: true)
            swap(&bytes, &buffer)
            spare = []
            let producer = self.producer
            self.producer = nil
            return (.bytes(bytes), producer)
        }
        if let end { return (.end(end), nil) }
        if heartbeatDue {
            heartbeatDue = false
            return (.heartbeat, nil)
        }
        return (.wait, nil)
    }

    /// Appends what waits to `bytes`, without waiting: a writer that lingered for more.
    mutating func takeMore(into bytes: inout [UInt8]) -> Continuation? {
        guard !buffer.isEmpty else { return nil }
        bytes.append(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
        let producer = self.producer
        self.producer = nil
        return producer
    }

    /// Parks the writer until there is something to take; `true` to resume at once.
    mutating func writerPark(_ continuation: Continuation) -> Bool {
        if cancelled || !buffer.isEmpty || end != nil || heartbeatDue { return true }
        writer = continuation
        return false
    }

    /// A write begins; returns a deadline to give the clock (the send timeout) when it holds
    /// none for this stream, or a later one.
    mutating func writeStarted(at now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        writeStarted = now
        return sendTimeout.flatMap { schedule(now + $0) }
    }

    /// A write ended; returns a deadline to give the clock (the next heartbeat) when it holds
    /// none for this stream, or a later one.
    mutating func writeEnded(at now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        writeStarted = nil
        lastProgress = now
        return heartbeat.flatMap { schedule(now + $0) }
    }

    // MARK: - Timer

    /// The deadline the clock will call back at; `nil` when it holds none (or only stale ones).
    private var scheduled: ContinuousClock.Instant?

    /// `deadline`, if the clock must be given it: it holds no deadline for this stream, or a
    /// later one.
    private mutating func schedule(_ deadline: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        if cancelled || aborted != nil { return nil }
        if let scheduled, scheduled <= deadline { return nil }
        scheduled = deadline
        return deadline
    }

    /// The first deadline of a stream: its first heartbeat.
    mutating func started(at now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        heartbeat.flatMap { schedule(now + $0) }
    }

    /// When the clock should look again: the send timeout of the write in progress, or the
    /// heartbeat of an idle stream; `nil` when neither applies.
    func nextDeadline() -> ContinuousClock.Instant? {
        if let writeStarted {
            return sendTimeout.map { writeStarted + $0 }
        }
        guard let heartbeat else { return nil }
        return lastProgress + heartbeat
    }

    enum Tick {
        case none
        case heartbeat(resumeWriter: Continuation?)
        case sendTimedOut
    }

    /// The clock called back for `deadline` at `now`: what to do, and the next deadline to give
    /// it (`nil` for none; always `nil` for a deadline the stream no longer expects).
    mutating func clockFired(
        scheduledFor deadline: ContinuousClock.Instant,
        at now: ContinuousClock.Instant
    ) -> (Tick, next: ContinuousClock.Instant?) {
        guard scheduled == deadline else { return (.none, nil) }
        scheduled = nil
        let tick = self.tick(at: now)
        if case .sendTimedOut = tick { return (tick, nil) }
        return (tick, nextDeadline().flatMap { schedule($0) })
    }

    /// The clock woke at `now`.
    mutating func tick(at now: ContinuousClock.Instant) -> Tick {
        if let writeStarted {
            if !cancelled, let sendTimeout, now - writeStarted >= sendTimeout { return .sendTimedOut }
            return .none
        }
        if cancelled || end != nil || !buffer.isEmpty {
            // The writer is about to write or to end: that is progress, so the next look is an
            // interval away (a deadline in the past would spin the timer).
            lastProgress = now
            return .none
        }
        guard let heartbeat, now - lastProgress >= heartbeat else { return .none }
        heartbeatDue = true
        // The heartbeat counts as progress: the next one is due an interval later.
        lastProgress = now
        let writer = self.writer
        self.writer = nil
        return .heartbeat(resumeWriter: writer)
    }

    // MARK: - The caller of write

    /// Why the stream was stopped from outside the writer.
    enum Abort {
        /// A write made no progress for the send timeout.
        case sendTimedOut
        /// The framework said the client left (``StreamingBody/DisconnectSignal``).
        case disconnected
        /// The task that called `write` was cancelled.
        case cancelled
    }

    /// Why the stream was stopped from outside; `nil` while it was not.
    private(set) var aborted: Abort?
    private var writerTaskEnded = false
    private var caller: Continuation?

    /// Parks the caller of `write` until the writer's task ends or the stream is aborted;
    /// `true` to resume at once.
    mutating func callerPark(_ continuation: Continuation) -> Bool {
        if writerTaskEnded || aborted != nil { return true }
        caller = continuation
        return false
    }

    /// The writer's task ended; returns the caller to resume.
    mutating func writerTaskDidEnd() -> Continuation? {
        writerTaskEnded = true
        defer { caller = nil }
        return caller
    }

    /// Stops the stream from outside (the first reason wins): the hand-off ends for both sides
    /// as ``cancel()`` ends it; returns whom to resume, the caller among them, which then
    /// cancels both sides' tasks.
    mutating func abort(_ reason: Abort) -> [Continuation] {
        if aborted == nil { aborted = reason }
        var waiting = cancel()
        if let caller { waiting.append(caller) }
        caller = nil
        return waiting
    }

    // MARK: - Cancellation

    /// Ends the hand-off for both sides; returns whom to resume.
    mutating func cancel() -> [Continuation] {
        cancelled = true
        return takeWaiting()
    }
}
