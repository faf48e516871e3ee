import Generators

/// The shared part of one streamed body: the state machine behind a lock, and the suspensions
/// of the producer, the writer and the caller of `write` around it. Continuations are resumed
/// after the lock is released.
@usableFromInline
final class _StreamingBodyStorage: Sendable {
    private let state: Locked<_StreamingBodyStateMachine>
    let sendTimeout: Duration?

    init(highWaterMark: Int, heartbeat: Duration?, sendTimeout: Duration?) {
        let now = ContinuousClock.now
        var machine = _StreamingBodyStateMachine(
            highWaterMark: highWaterMark,
            heartbeat: heartbeat,
            sendTimeout: sendTimeout,
            now: now
        )
        let first = machine.started(at: now)
        state = Locked(machine)
        self.sendTimeout = sendTimeout
        if let first { _StreamingBodyClock.shared.schedule(self, at: first) }
    }

    // MARK: - Producer

    /// Hands `bytes` to the writer (leaving `bytes` empty) and parks while the buffer is full.
    /// Returns `false` when nobody will write any more: the producer stops and closes.
    @usableFromInline
    func produce(_ bytes: inout [UInt8]) async -> Bool {
        let action = state.withLock { $0.produced(&bytes) }
        switch action {
        case .stop:
            return false
        case .proceed(let writer):
            writer?.resume()
            return true
        case .park(let writer):
            writer?.resume()
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if state.withLock({ $0.producerPark(continuation) }) { continuation.resume() }
                }
            } onCancel: {
                cancel()
            }
            return !Task.isCancelled
        }
    }

    /// The producer ended: the writer sends what is left, then ends as `ending` says.
    func producerEnded(_ ending: _StreamingBodyStateMachine.End) {
        state.withLock { $0.producerEnded(ending) }?.resume()
    }

    // MARK: - Writer

    /// The next thing to write; never `.wait`.
    func take(reusing spare: inout [UInt8]) async -> _StreamingBodyStateMachine.Take {
        while true {
            let (take, producer) = state.withLock { $0.take(reusing: &spare) }
            producer?.resume()
            if case .wait = take {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        if state.withLock({ $0.writerPark(continuation) }) { continuation.resume() }
                    }
                } onCancel: {
                    cancel()
                }
                continue
            }
            return take
        }
    }

    /// Appends what waits to `bytes`, without waiting.
    func takeMore(into bytes: inout [UInt8]) {
        state.withLock { $0.takeMore(into: &bytes) }?.resume()
    }

    func writeStarted() {
        let now = ContinuousClock.now
        if let deadline = state.withLock({ $0.writeStarted(at: now) }) {
            _StreamingBodyClock.shared.schedule(self, at: deadline)
        }
    }

    @discardableResult
    func writeEnded() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        if let deadline = state.withLock({ $0.writeEnded(at: now) }) {
            _StreamingBodyClock.shared.schedule(self, at: deadline)
        }
        return now
    }

    // MARK: - Clock

    /// The clock's call back for `deadline`: writes a heartbeat when the stream has been idle,
    /// aborts it when a write made no progress for the send timeout; returns the next deadline.
    func clockFired(
        scheduledFor deadline: ContinuousClock.Instant,
        at now: ContinuousClock.Instant
    ) -> ContinuousClock.Instant? {
        let (tick, next) = state.withLock { $0.clockFired(scheduledFor: deadline, at: now) }
        switch tick {
        case .none:
            break
        case .heartbeat(let writer):
            writer?.resume()
        case .sendTimedOut:
            abort(.sendTimedOut)
        }
        return next
    }

    // MARK: - The caller of write

    /// Waits until the writer's task ends or the stream is aborted; returns why it was aborted.
    func waitForWriterOrAbort() async -> _StreamingBodyStateMachine.Abort? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if state.withLock({ $0.callerPark(continuation) }) { continuation.resume() }
            }
        } onCancel: {
            abort(.cancelled)
        }
        return aborted
    }

    /// Why the stream was stopped from outside the writer; `nil` while it was not.
    var aborted: _StreamingBodyStateMachine.Abort? {
        state.withLock { $0.aborted }
    }

    /// The writer's task ended: the caller collects its outcome.
    func writerTaskEnded() {
        state.withLock { $0.writerTaskDidEnd() }?.resume()
    }

    /// Stops the stream from outside the writer: the caller of `write` cancels both sides.
    func abort(_ reason: _StreamingBodyStateMachine.Abort) {
        for continuation in state.withLock({ $0.abort(reason) }) { continuation.resume() }
    }

    // MARK: - Ending

    func shutDown() {
        for continuation in state.withLock({ $0.shutDown() }) { continuation.resume() }
    }

    func cancel() {
        for continuation in state.withLock({ $0.cancel() }) { continuation.resume() }
    }
}
