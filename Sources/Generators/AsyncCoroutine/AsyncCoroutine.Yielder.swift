import Synchronization

extension AsyncCoroutine {
    /// The handle an async generator's body yields through.
    public struct Yielder: Sendable {
        let storage: Storage

        init(storage: Storage) {
            self.storage = storage
        }

        /// Hands `value` to the consumer and waits until it asks again;
        /// returns what it sent (`nil` for `next()`).
        ///
        /// - Throws: ``GeneratorExit`` when the generator is being closed,
        ///   the error the consumer threw in with `resume(throwing:)`, and
        ///   `CancellationError` when the consumer's task is cancelled.
        @discardableResult
        public func yield(_ value: Yield) async throws -> Sent? {
            let storage = self.storage
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

extension AsyncCoroutine.Yielder where Yield == Void {
    /// Pauses without a value; returns what the consumer sent.
    @discardableResult
    public func yield() async throws -> Sent? {
        try await yield(())
    }
}
