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
/// The jobs wait in a ring that grows as needed; the thread takes them one
/// at a time, and sleeps on a condition variable when none waits; `enqueue`
/// signals it only when it sleeps. The thread keeps this object alive until
/// `stop()` and the last job have run.
package final class _JobThread: @unchecked Sendable {
    // Safety: the ring's fields are touched only with `mutex` held; `executor` only before the thread starts.
    // `@exclusivity(unchecked)`: the mutex is the exclusivity; the dynamic checks cost more than the queue.
    /// A ring of `capacity` slots; `count` jobs wait from `head` on.
    @exclusivity(unchecked) private var jobs: UnsafeMutablePointer<UnownedJob>
    @exclusivity(unchecked) private var capacity = 64
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var sleeping = false
    @exclusivity(unchecked) private var stopping = false
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// The executor the jobs run on, unowned: a task that prefers it
    /// retains it while it has jobs.
    @exclusivity(unchecked) private var executor: UnownedTaskExecutor?

    init() {
        jobs = .allocate(capacity: capacity)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        precondition(pthread_cond_init(condition, nil) == 0, "pthread_cond_init failed")
    }

    deinit {
        jobs.deallocate()
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
        if count == capacity { grow() }
        (jobs + (head + count) % capacity).initialize(to: job)
        count += 1
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

    /// Doubles the ring, keeping the jobs in order. With `mutex` held.
    private func grow() {
        let larger = UnsafeMutablePointer<UnownedJob>.allocate(capacity: capacity * 2)
        for index in 0..<count { (larger + index).initialize(to: jobs[(head + index) % capacity]) }
        jobs.deallocate()
        jobs = larger
        head = 0
        capacity *= 2
    }

    /// The thread's loop: one job at a time, in order.
    private func run() {
        let executor = self.executor!
        while true {
            pthread_mutex_lock(mutex)
            while count == 0 && !stopping {
                sleeping = true
                pthread_cond_wait(condition, mutex)
                sleeping = false
            }
            if count == 0 {
                pthread_mutex_unlock(mutex)
                return
            }
            let job = jobs[head]
            head = (head + 1) % capacity
            count -= 1
            pthread_mutex_unlock(mutex)
            job.runSynchronously(on: executor)
        }
    }
}
