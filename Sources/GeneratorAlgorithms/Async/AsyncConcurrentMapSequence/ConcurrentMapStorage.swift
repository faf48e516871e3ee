import Generators

/// What the consumer and the worker tasks of one concurrent map iteration
/// share: the state machine under its lock, the base's iterator and the
/// transform.
///
/// A worker is an unstructured task. The worker holding the read turn reads
/// while another element may be read, handing each element but the last to
/// a new worker, and transforms the last itself; so a burst of free places
/// is filled by one task reading in a row, as a task group's loop would.
/// A worker stores its result (handing it to the waiting consumer if its
/// turn has come) and, if another element may be read, takes the read turn
/// itself; if not, it waits, idle, to be handed an element or the read turn
/// (instead of a new task). So once `maxConcurrency` transforms run, each
/// finishing transform reads and runs the next one in the same task, and a
/// burst of transforms that end together is refilled by the same tasks: no
/// task is made per element.
// @unchecked Sendable: the machine is behind its lock, and the base's
// iterator is read only by the worker holding the read turn (`reading`).
@usableFromInline
final class _ConcurrentMapStorage<Base: AsyncSequence & Sendable, Output: Sendable>: @unchecked Sendable
where Base.Element: Sendable {
    @usableFromInline
    typealias Machine = _ConcurrentMapStateMachine<Base.Element, Output>

    @usableFromInline
    let machine: Locked<Machine>
    @usableFromInline
    let base: _TakeTurnsIterator<Base.AsyncIterator>
    @usableFromInline
    let transform: @Sendable (Base.Element) async throws -> Output

    @inlinable
    init(
        base: Base.AsyncIterator,
        maxConcurrency: Int,
        ordered: Bool,
        transform: @escaping @Sendable (Base.Element) async throws -> Output
    ) {
        machine = Locked(Machine(maxConcurrency: maxConcurrency, ordered: ordered))
        self.base = _TakeTurnsIterator(base)
        self.transform = transform
    }

    /// Starts a worker that holds the read turn, if another element may be
    /// read. Runs under the lock.
    @inlinable
    func startWorkerIfItMayRead(_ state: inout Machine) {
        guard let helper = state.takeReadTurnForHelper() else { return }
        give(.read, to: helper, &state)
    }

    /// Gives `wake` to `helper`: an idle worker is woken with it, a new one
    /// starts with it. Runs under the lock: a new worker's task is recorded
    /// before it can end.
    @inlinable
    func give(_ wake: Machine.Wake, to helper: Machine.Helper, _ state: inout Machine) {
        switch helper {
        case .idle(let parked):
            parked.resume(returning: wake)
        case .new(let worker):
            let task = startTask(preferring: state.preference) { await self.work(worker, starting: wake) }
            state.started(worker, task)
        }
    }

    /// A worker: reads while another element may be read (handing each but
    /// the last to a helper), transforms, stores, and then reads again if it
    /// may, or waits idle, or ends.
    @inlinable
    func work(_ worker: Int, starting first: Machine.Wake) async {
        var wake = first
        while true {
            let (element, number): (Base.Element, Int)
            switch wake {
            case .transform(let given, let givenNumber):
                (element, number) = (given, givenNumber)
            case .read:
                // This worker holds the read turn.
                guard let read = await read(by: worker) else { return }
                (element, number) = read
            case .stop:
                return
            }
            let outcome: Result<Output, any Error>
            do {
                outcome = .success(try await transform(element))
            } catch {
                outcome = .failure(error)
            }
            let after = machine.withLock { $0.transformed(number, outcome, by: worker) }
            after.delivery?.resume()
            switch after.next {
            case .read:
                wake = .read
            case .stop:
                return
            case .park:
                wake = await withUnsafeContinuation { (parked: Machine.Parked) in
                    if let now = machine.withLock({ $0.park(parked, by: worker) }) {
                        parked.resume(returning: now)
                    }
                }
                _ThreadSanitizer.continuationAwaited()
            }
        }
    }

    /// Reads with the read turn until no other element may be read, handing
    /// each element but the last to a helper (an idle worker, or a new one).
    /// Returns the last, or `nil` when the worker is to end (the base ended
    /// or threw, or the iteration is over).
    @inlinable
    func read(by worker: Int) async -> (Base.Element, Int)? {
        while true {
            let element: Base.Element
            do {
                guard let next = try await base.next() else {
                    machine.withLock { $0.baseEnded(by: worker, throwing: nil) }?.resume()
                    return nil
                }
                element = next
            } catch {
                machine.withLock { $0.baseEnded(by: worker, throwing: error) }?.resume()
                return nil
            }
            let read = machine.withLock { state in
                let read = state.elementRead(by: worker)
                if case .handOver(let number, let helper) = read {
                    give(.transform(element, number: number), to: helper, &state)
                }
                return read
            }
            switch read {
            case .transform(let number): return (element, number)
            case .handOver: continue
            case .stop: return nil
            }
        }
    }

    /// The consumer's `next()`.
    @inlinable
    func next() async throws -> Output? {
        let cancelled = Task.isCancelled
        var cancel: [Task<Void, Never>] = []
        let answer: Machine.Answer = try machine.withLock { state in
            if state.consuming { throw GeneratorError.alreadyExecuting(.next, isAsync: true) }
            if !state.started {
                state.started = true
                state.preference = currentTaskExecutorPreference()
            }
            if cancelled, !state.finished {
                // Sticky, as a generator's: the iteration ends here.
                cancel = state.finish()
                return .outcome(.failure(CancellationError()))
            }
            let answer = state.take(cancel: &cancel)
            if case .wait = answer { state.consuming = true }
            startWorkerIfItMayRead(&state)
            return answer
        }
        guard case .outcome(let outcome) = answer else {
            return try await withTaskCancellationHandler {
                // The outcome, thrown or not, passes through the
                // `Result`: the acquire comes first either way.
                let outcome: Result<Output?, any Error>
                do {
                    outcome = .success(
                        try await withUnsafeThrowingContinuation { consumer in
                            machine.withLock { $0.wait(consumer) }?.resume()
                        }
                    )
                } catch {
                    outcome = .failure(error)
                }
                _ThreadSanitizer.continuationAwaited()
                return try outcome.get()
            } onCancel: {
                let (consumer, workers) = machine.withLock { $0.cancel() }
                consumer?.resume(throwing: CancellationError())
                for task in workers { task.cancel() }
            }
        }
        for task in cancel { task.cancel() }
        return try outcome.get()
    }

    /// The iterator went away: the workers still running are cancelled.
    @inlinable
    func drop() {
        let workers = machine.withLock { $0.finish() }
        for task in workers { task.cancel() }
    }
}
