//===----------------------------------------------------------------------===//
// The unsafe part of SingleThreadTaskExecutor: a POSIX thread that runs the
// jobs handed to it, a mutex and a condition variable.
//===----------------------------------------------------------------------===//
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thread of its own and the queue of jobs it runs, in the order they
/// were enqueued.
///
/// The thread takes every waiting job at once (one lock per batch), runs
/// them, and sleeps on a condition variable when none waits; `enqueue`
/// signals it only when it sleeps. The thread keeps this object alive until
/// `stop()` and the last job have run.
package final class _JobThread: @unchecked Sendable {
    // Safety: `pending`, `sleeping` and `stopping` are only touched with
    // `mutex` held; `running` only by the thread; `executor` is written
    // before the thread starts and only read after.
    private var pending: [UnownedJob] = []
    private var running: [UnownedJob] = []
    private var sleeping = false
    private var stopping = false
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// The executor the jobs run on, unowned: a task that prefers it
    /// retains it while it has jobs.
    private var executor: UnownedTaskExecutor?

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        precondition(pthread_cond_init(condition, nil) == 0, "pthread_cond_init failed")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deinitialize(count: 1)
        condition.deallocate()
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Starts the thread, which runs jobs on `executor`.
    func start(running executor: UnownedTaskExecutor) {
        self.executor = executor
        #if canImport(Darwin)
            var thread: pthread_t?
        #else
            var thread = pthread_t()
        #endif
        // The thread owns one reference until it ends.
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(
            &thread,
            nil,
            { context in
                #if canImport(Darwin)
                    let unmanaged = Unmanaged<_JobThread>.fromOpaque(context)
                #else
                    let unmanaged = Unmanaged<_JobThread>.fromOpaque(context!)
                #endif
                unmanaged.takeUnretainedValue().run()
                unmanaged.release()
                return nil
            },
            context
        )
        precondition(result == 0, "could not start the executor's thread: \(String(cString: strerror(result)))")
        #if canImport(Darwin)
            pthread_detach(thread!)
        #else
            pthread_detach(thread)
        #endif
    }

    /// Queues `job` and wakes the thread if it sleeps.
    func enqueue(_ job: UnownedJob) {
        pthread_mutex_lock(mutex)
        pending.append(job)
        let wake = sleeping
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(condition) }
    }

    /// Lets the thread end once no job waits.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        let wake = sleeping
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(condition) }
    }

    /// The thread's loop.
    private func run() {
        let executor = self.executor!
        while true {
            pthread_mutex_lock(mutex)
            while pending.isEmpty && !stopping {
                sleeping = true
                pthread_cond_wait(condition, mutex)
                sleeping = false
            }
            if pending.isEmpty {
                pthread_mutex_unlock(mutex)
                return
            }
            swap(&pending, &running)
            pthread_mutex_unlock(mutex)
            for job in running { job.runSynchronously(on: executor) }
            running.removeAll(keepingCapacity: true)
        }
    }

}
