/// A task executor with one thread of its own: the fast path for a lazy
/// ``AsyncGenerator``.
///
/// A lazy async generator hands every value from its producer task to its
/// consumer and back, two task switches per value. On Swift's default
/// executor the two tasks usually run on two threads, and each switch wakes
/// the other thread. When the consumer prefers this executor, the generator
/// starts its producer with the same preference, both tasks take turns on
/// one thread, and a value costs about half as much (see the async
/// generators guide for the figures).
///
/// ```swift
/// let executor = SingleThreadTaskExecutor()
/// let numbers = AsyncGenerator<Int> { g in
///     for i in 0..<3 { try await g.yield(i) }
/// }
/// try await withTaskExecutorPreference(executor) {
///     for try await n in numbers { print(n) }   // 0, 1, 2
/// }
/// ```
///
/// Any task may prefer it (`withTaskExecutorPreference(_:)`,
/// `Task(executorPreference:)`, a task group's `addTask(executorPreference:)`);
/// an actor's methods still run on the actor.
///
/// - Important: Its one thread runs every job of every task that prefers it,
///   in turn: work that blocks the thread (a synchronous read, a lock held
///   long) stalls them all. Make one executor and reuse it; each holds a
///   thread until it is released and its tasks have ended.
/// - Complexity: Enqueuing a job takes one uncontended lock, and a
///   condition-variable signal only when the thread sleeps.
public final class SingleThreadTaskExecutor: TaskExecutor, Sendable {
    /// The thread and its queue.
    package let thread: _JobThread

    /// Makes the executor and starts its thread.
    public init() {
        thread = _JobThread()
        thread.start(running: UnownedTaskExecutor(ordinary: self))
    }

    deinit {
        thread.stop()
    }

    /// Runs `job` on the executor's thread, after the jobs enqueued before it.
    public func enqueue(_ job: consuming ExecutorJob) {
        thread.enqueue(UnownedJob(job))
    }
}
