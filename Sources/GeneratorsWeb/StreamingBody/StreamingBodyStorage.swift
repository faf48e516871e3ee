import Generators

/// The shared part of one streamed body: the state machine behind a lock, and the suspensions
/// of the producer, the writer and the timer around it. Continuations are resumed after the
/// lock is released.
@usableFromInline
final class _StreamingBodyStorage: Sendable {
    private let state: Locked<_StreamingBodyStateMachine>
    let heartbeat: Duration?
    let sendTimeout: Duration?

    init(highWaterMark: Int, heartbeat: Duration?, sendTimeout: Duration?) {
        state = Locked(_StreamingBodyStateMachine(highWaterMark: highWaterMark, now: .now))
        self.heartbeat = heartbeat
        self.sendTimeout = sendTimeout
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
        state.withLock { $0.writeStarted(at: now) }
    }

    @discardableResult
    func writeEnded() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        state.withLock { $0.writeEnded(at: now) }
        return now
    }

    // MARK: - Timer

    /// Wakes the writer for heartbeats and throws ``StreamingBodyError/sendTimedOut(_:)`` when a
    /// write makes no progress; runs until cancelled.
    func runTimer() async throws {
        let heartbeat = self.heartbeat
        let sendTimeout = self.sendTimeout
        while true {
            let deadline =
                state.withLock { $0.nextDeadline(heartbeat: heartbeat, sendTimeout: sendTimeout) }
                ?? .now + (sendTimeout ?? heartbeat ?? .seconds(1))
            try await Task.sleep(until: deadline, clock: .continuous)
            let now = ContinuousClock.now
            switch state.withLock({ $0.tick(at: now, heartbeat: heartbeat, sendTimeout: sendTimeout) }) {
            case .none:
                break
            case .heartbeat(let writer):
                writer?.resume()
            case .sendTimedOut:
                throw StreamingBodyError.sendTimedOut(sendTimeout ?? .zero)
            }
        }
    }

    // MARK: - Ending

    func shutDown() {
        for continuation in state.withLock({ $0.shutDown() }) { continuation.resume() }
    }

    func cancel() {
        for continuation in state.withLock({ $0.cancel() }) { continuation.resume() }
    }
}
