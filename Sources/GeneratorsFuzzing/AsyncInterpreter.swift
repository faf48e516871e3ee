import Generators
import Synchronization

/// Runs an async ``FuzzProgram`` over the package's real API: every function
/// is an ``AsyncCoroutine`` whose body interprets the function's statements,
/// and the driver calls `next`, `send`, `resume(throwing:)` and `close`, as the
/// Python rendering calls `anext`, `asend`, `athrow` and `aclose`.
///
/// A `pause` is `await asyncio.sleep(0)` in Python and here a cancellation
/// check and `Task.yield()`: where a cancelled consumer's cancellation
/// reaches the body. An operation `cancelledNext(slot, pause)` runs `next` in
/// a task of its own, which the body cancels when it reaches the pause with
/// that number during the operation (Python cancels the task that awaits
/// `__anext__` at the same point).
package final class AsyncInterpreter: Sendable {
    /// The generators' type: yields `None` or a number, receives numbers.
    package typealias FuzzGenerator = AsyncCoroutine<Int?, Int, any Error>

    private struct State {
        var trace: [String] = []
        var slots: [FuzzGenerator?]
        var instances: [Int]
        var instanceCount = 0
        var reportedSeen = 0
        /// The task of the running `cancelledNext`, and the pause that cancels it.
        var cancelTask: Task<Int??, any Error>?
        var cancelAt = 0
        var pauses = 0
        /// Whether the running `cancelledNext`'s task was cancelled, and whether a pause
        /// has thrown that cancellation.
        var cancelIssued = false
        var cancellationDelivered = false
        /// The instances whose `close()` reported an ignored close.
        var ignoredClose: Set<Int> = []
    }

    private let program: FuzzProgram
    private let name: String
    private let reported: @Sendable () -> [any Error]
    private let state: Mutex<State>

    /// Runs `program` and returns its trace, up to its `end` line.
    ///
    /// - Parameters:
    ///   - name: The name every generator gets.
    ///   - reported: The errors reported so far for generators named `name`.
    package static func trace(
        of program: FuzzProgram,
        name: String,
        reported: @escaping @Sendable () -> [any Error]
    ) async -> [String] {
        let interpreter = AsyncInterpreter(program: program, name: name, reported: reported)
        // As `asyncio.run` closes the async generators left open, after the trace's end.
        _ = try? await withAsyncGeneratorScope {
            await interpreter.runDriver()
            interpreter.state.withLock { $0.slots = $0.slots.map { _ in nil } }
        }
        let trace = interpreter.state.withLock { $0.trace }
        return Array(trace.prefix { $0 != "end" }) + ["end"]
    }

    private init(program: FuzzProgram, name: String, reported: @escaping @Sendable () -> [any Error]) {
        self.program = program
        self.name = name
        self.reported = reported
        self.state = Mutex(
            State(
                slots: Array(repeating: nil, count: program.slotCount),
                instances: Array(repeating: 0, count: program.slotCount)
            )
        )
    }

    // MARK: - Trace

    private func log(_ line: String) {
        let all = reported()
        state.withLock { state in
            while state.reportedSeen < all.count {
                state.trace.append("unraisable " + FuzzError.traceName(all[state.reportedSeen]))
                state.reportedSeen += 1
            }
            state.trace.append(line)
        }
    }

    // MARK: - Driver

    private func runDriver() async {
        for (index, operation) in program.operations.enumerated() {
            let label = "op \(index)"
            switch operation {
            case .create(let slot, let function):
                log("\(label) create g\(slot) f\(function)")
                let instance = state.withLock { state in
                    state.instanceCount += 1
                    state.instances[slot] = state.instanceCount
                    return state.instanceCount
                }
                let generator = make(function, instance: instance)
                let previous = state.withLock { state in
                    defer { state.slots[slot] = generator }
                    return state.slots[slot]
                }
                withExtendedLifetime(previous) {}
            case .next(let slot): await resume("\(label) next g\(slot)", slot: slot, Self.next)
            case .send(let slot, let value):
                await resume("\(label) send g\(slot) \(value)", slot: slot) { try await Self.outcome($0.send(value)) }
            case .throw(let slot, let kind, let id):
                let error = FuzzError.thrown(kind: kind, id: id)
                markCloseAfterIgnoredClose(slot)
                await resume("\(label) throw g\(slot) \(FuzzError.traceName(error))", slot: slot) {
                    try await Self.outcome($0.resume(throwing: error))
                }
            case .close(let slot): await close("\(label) close g\(slot)", slot: slot)
            case .drop(let slot): log("\(label) drop g\(slot) unsupported in an async program")
            case .state(let slot): log("\(label) state g\(slot) \(stateName(slot))")
            case .cancelledNext(let slot, let pause):
                await cancelledNext("\(label) cancelled-next g\(slot) at \(pause)", slot: slot, pause: pause)
            }
        }
        for slot in 0..<program.slotCount { await close("end close g\(slot)", slot: slot) }
        log("end")
    }

    private static func next(_ generator: FuzzGenerator) async throws -> String {
        if let value = try await generator.next() { "yield \(traceValue(value))" } else { "stop" }
    }

    private static func outcome(_ step: GeneratorStep<Int?, Void>) -> String {
        if case .yielded(let value) = step { "yield \(traceValue(value))" } else { "stop" }
    }

    private func stateName(_ slot: Int) -> String {
        guard let generator = state.withLock({ $0.slots[slot] }) else { return "empty" }
        switch generator.state {
        case .created: return "created"
        case .running: return "running"
        case .suspended: return "suspended"
        case .closed: return "closed"
        }
    }

    private func resume(
        _ label: String,
        slot: Int,
        _ call: (FuzzGenerator) async throws -> String
    ) async {
        guard let generator = state.withLock({ $0.slots[slot] }) else { return log("\(label) -> empty") }
        do {
            log("\(label) -> \(try await call(generator))")
        } catch {
            log("\(label) -> raise \(FuzzError.traceName(error))")
        }
    }

    private func close(_ label: String, slot: Int) async {
        markCloseAfterIgnoredClose(slot)
        await resume(label, slot: slot) {
            do {
                try await $0.close()
            } catch GeneratorError.ignoredClose {
                _ = state.withLock { $0.ignoredClose.insert($0.instances[slot]) }
                throw GeneratorError.ignoredClose(.close, isAsync: true)
            }
            return "closed None"
        }
    }

    /// Marks a `resume(throwing:)` or `close()` of a generator that is still
    /// open after it ignored a close (see ``TraceComparer/Rule/closeAfterIgnoredClose``).
    private func markCloseAfterIgnoredClose(_ slot: Int) {
        state.withLock { state in
            guard let generator = state.slots[slot], generator.state != .closed,
                state.ignoredClose.contains(state.instances[slot])
            else { return }
            state.trace.append(TraceComparer.Rule.closeAfterIgnoredClose.annotation)
        }
    }

    private func cancelledNext(_ label: String, slot: Int, pause: Int) async {
        guard let generator = state.withLock({ $0.slots[slot] }) else { return log("\(label) -> empty") }
        // The task starts only after the state knows it, as `ensure_future` does not run it.
        let gate = AsyncStream<Void>.makeStream()
        let task = Task {
            for await _ in gate.stream {}
            return try await generator.next()
        }
        state.withLock { state in
            state.cancelTask = task
            state.cancelAt = pause
            state.pauses = 0
            state.cancelIssued = false
            state.cancellationDelivered = false
        }
        gate.continuation.finish()
        do {
            if let value = try await task.value {
                log("\(label) -> yield \(traceValue(value))")
            } else {
                log("\(label) -> stop")
            }
        } catch {
            log("\(label) -> raise \(FuzzError.traceName(error))")
        }
        state.withLock { $0.cancelTask = nil }
    }

    // MARK: - Bodies

    private enum Flow: Equatable {
        case normal
        case breakLoop
        case continueLoop
        case returned
    }

    private struct Frame {
        let instance: Int
        var received: Int?
        var handling: [any Error] = []
    }

    private func make(_ function: Int, instance: Int) -> FuzzGenerator {
        let body = program.functions[function]
        return FuzzGenerator(name: name) { g in
            var frame = Frame(instance: instance)
            _ = try await self.execute(body, g, &frame)
        }
    }

    private func execute(_ block: [FuzzStatement], _ g: FuzzGenerator.Yielder, _ frame: inout Frame) async throws
        -> Flow
    {
        for statement in block {
            let flow = try await execute(statement, g, &frame)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private func execute(_ statement: FuzzStatement, _ g: FuzzGenerator.Yielder, _ frame: inout Frame) async throws
        -> Flow
    {
        switch statement {
        case .log(let id):
            log("L \(id)")
        case .yield(let id, let value):
            frame.received = try await g.yield(value)
            log("recv \(id) \(traceValue(frame.received))")
        case .yieldFrom(let id, _):
            log("yf \(id) unsupported in an async program")
        case .raise(let id, let kind):
            throw FuzzError(kind: kind, id: id)
        case .reraise:
            throw frame.handling.last!
        case .return(let id, _):
            log("ret \(id) None")
            return .returned
        case .try(let id, let body, let handlers, let final):
            let outcome: Result<Flow, any Error>
            do {
                outcome = .success(try await execute(body, g, &frame))
            } catch {
                if let handler = handlers.first(where: { FuzzError.matches($0.catches, error) }) {
                    log("exc \(id) \(FuzzError.traceName(error))")
                    frame.handling.append(error)
                    do {
                        outcome = .success(try await execute(handler.body, g, &frame))
                    } catch {
                        outcome = .failure(error)
                    }
                    frame.handling.removeLast()
                } else {
                    outcome = .failure(error)
                }
            }
            if let final {
                log("fin \(id)")
                let flow = try await execute(final, g, &frame)
                if flow != .normal { return flow }
            }
            return try outcome.get()
        case .loop(let id, let count, let body):
            for index in 0..<count {
                log("iter \(id) \(index)")
                switch try await execute(body, g, &frame) {
                case .normal, .continueLoop: continue
                case .breakLoop: return .normal
                case .returned: return .returned
                }
            }
        case .break(let id):
            log("brk \(id)")
            return .breakLoop
        case .continue(let id):
            log("cont \(id)")
            return .continueLoop
        case .ifNone(let id, let then, let otherwise):
            if frame.received == nil {
                log("then \(id)")
                return try await execute(then, g, &frame)
            } else {
                log("else \(id)")
                return try await execute(otherwise, g, &frame)
            }
        case .resume(let id, let slot):
            if Task.isCancelled {
                // The package delivers a cancelled consumer's cancellation at the paused yield
                // of the generator it resumes; Python resumes it.
                state.withLock { $0.trace.append(TraceComparer.Rule.cancellationAtYield.annotation) }
            }
            await resume("inner \(id) g\(slot)", slot: slot, Self.next)
        case .state(let id, let slot):
            log("state \(id) g\(slot) \(stateName(slot))")
        case .pause(let id):
            try await pause(id)
        }
        return .normal
    }

    /// An `await` where cancellation reaches the body: cancels the running
    /// `cancelledNext` task at its pause, then throws `CancellationError` if
    /// the body's task is cancelled.
    private func pause(_ id: Int) async throws {
        log("pause \(id)")
        let cancel = state.withLock { state -> Task<Int??, any Error>? in
            guard let task = state.cancelTask else { return nil }
            state.pauses += 1
            return state.pauses == state.cancelAt ? task : nil
        }
        if let cancel {
            log("cancel")
            state.withLock { $0.cancelIssued = true }
            cancel.cancel()
        }
        if Task.isCancelled {
            // Python delivers a cancellation once, to the one task the whole operation runs
            // in; here each body has a task, and a task stays cancelled.
            state.withLock { state in
                if !state.cancelIssued || state.cancellationDelivered {
                    state.trace.append(TraceComparer.Rule.cancellationIsSticky.annotation)
                }
                state.cancellationDelivered = true
            }
            throw CancellationError()
        }
        await Task.yield()
    }
}
