import Generators

/// Runs a sync ``FuzzProgram`` over the package's real API: every function is
/// a `Coroutine` whose body interprets the function's statements, and the
/// driver calls `send`, `resume(throwing:)`, `close()` and drops references,
/// as the Python rendering does. The result is the program's trace.
package final class SyncInterpreter {
    /// The generators' type: yields `None` or a number, receives numbers,
    /// returns `None` or a number (Python's `Generator[int | None, int, int | None]`).
    package typealias FuzzGenerator = Coroutine<Int?, Int, Int?, any Error>

    private let program: FuzzProgram
    private let name: String
    private let reported: () -> [any Error]
    private var reportedSeen = 0
    private var abandonedSeen = GeneratorRuntime.abandonedGenerators
    private var slots: [FuzzGenerator?]
    /// The instance number of each slot's generator, and how many
    /// `yield from` each instance (with its delegates) is inside.
    private var instances: [Int]
    private var delegations: [Int: Int] = [:]
    private var instanceCount = 0
    private var trace: [String] = []

    /// Runs `program` and returns its trace.
    ///
    /// - Parameters:
    ///   - name: The name every generator gets (``GeneratorRuntime``'s
    ///     handler receives it with errors it reports).
    ///   - reported: The errors reported so far for generators named `name`,
    ///     oldest first; they are traced as `unraisable` lines (Python's
    ///     `sys.unraisablehook`).
    package static func trace(
        of program: FuzzProgram,
        name: String,
        reported: @escaping () -> [any Error]
    ) -> [String] {
        let interpreter = SyncInterpreter(program: program, name: name, reported: reported)
        interpreter.runDriver()
        return interpreter.trace
    }

    private init(program: FuzzProgram, name: String, reported: @escaping () -> [any Error]) {
        self.program = program
        self.name = name
        self.reported = reported
        self.slots = Array(repeating: nil, count: program.slotCount)
        self.instances = Array(repeating: 0, count: program.slotCount)
    }

    // MARK: - Trace

    private func log(_ line: String) {
        pollReported()
        trace.append(line)
    }

    /// Traces the errors reported since the last look: they were reported
    /// synchronously, by a finalization that ran before this point. A body
    /// the runtime abandoned (``GeneratorRuntime/abandonedGenerators``) is
    /// annotated (see ``TraceComparer/Rule/abandonedBody``).
    private func pollReported() {
        let all = reported()
        while reportedSeen < all.count {
            trace.append("unraisable " + FuzzError.traceName(all[reportedSeen]))
            reportedSeen += 1
        }
        let abandoned = GeneratorRuntime.abandonedGenerators
        if abandoned != abandonedSeen {
            abandonedSeen = abandoned
            trace.append(TraceComparer.Rule.abandonedBody.annotation)
        }
    }

    // MARK: - Driver

    private func runDriver() {
        for (index, operation) in program.operations.enumerated() {
            let label = "op \(index)"
            switch operation {
            case .create(let slot, let function):
                log("\(label) create g\(slot) f\(function)")
                empty(slot)
                instanceCount += 1
                instances[slot] = instanceCount
                slots[slot] = make(function, instance: instanceCount)
            case .next(let slot): resume("\(label) next g\(slot)", slot: slot) { try $0.send(nil) }
            case .send(let slot, let value):
                resume("\(label) send g\(slot) \(value)", slot: slot) { try $0.send(value) }
            case .throw(let slot, let kind, let id):
                let error = FuzzError.thrown(kind: kind, id: id)
                if kind == 0, slots[slot] != nil, delegations[instances[slot], default: 0] > 0 {
                    trace.append(TraceComparer.Rule.throwGeneratorExitForwarded.annotation)
                }
                resume("\(label) throw g\(slot) \(FuzzError.traceName(error))", slot: slot) {
                    try $0.resume(throwing: error)
                }
            case .close(let slot): close("\(label) close g\(slot)", slot: slot)
            case .drop(let slot):
                log("\(label) drop g\(slot)")
                empty(slot)
            case .state(let slot): log("\(label) state g\(slot) \(state(slot))")
            case .cancelledNext: log("\(label) unsupported in a sync program")
            }
        }
        for slot in slots.indices {
            log("end drop g\(slot)")
            empty(slot)
        }
        pollReported()
    }

    /// Drops the driver's reference to a slot's generator: as in Python, the slot is empty
    /// when the generator is finalized (its body may look at the slots).
    private func empty(_ slot: Int) {
        let generator = slots[slot]
        slots[slot] = nil
        withExtendedLifetime(generator) {}
    }

    private func state(_ slot: Int) -> String {
        guard let generator = slots[slot] else { return "empty" }
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
        _ call: (FuzzGenerator) throws -> GeneratorStep<Int?, Int?>
    ) {
        guard let generator = slots[slot] else { return log("\(label) -> empty") }
        do {
            switch try call(generator) {
            case .yielded(let value): log("\(label) -> yield \(traceValue(value))")
            case .returned(let value): log("\(label) -> return \(traceValue(value))")
            case .exhausted: log("\(label) -> exhausted")
            }
        } catch {
            log("\(label) -> raise \(FuzzError.traceName(error))")
        }
    }

    private func close(_ label: String, slot: Int) {
        guard let generator = slots[slot] else { return log("\(label) -> empty") }
        do {
            let value = try generator.close()
            log("\(label) -> closed \(traceValue(value ?? nil))")
        } catch {
            log("\(label) -> raise \(FuzzError.traceName(error))")
        }
    }

    // MARK: - Bodies

    /// What a block did: ran to its end, or left by `break`, `continue` or `return`.
    private enum Flow: Equatable {
        case normal
        case breakLoop
        case continueLoop
        case returned(Int?)
    }

    /// A running body's locals: `r`, and the errors its handlers are handling.
    private struct Frame {
        /// The driver's instance this body runs for (a delegate: its delegator's).
        let instance: Int
        var received: Int?
        var handling: [any Error] = []
    }

    private func make(_ function: Int, instance: Int) -> FuzzGenerator {
        let body = program.functions[function]
        return FuzzGenerator(name: name) { [unowned self] g in
            var frame = Frame(instance: instance)
            if case .returned(let value) = try self.execute(body, g, &frame) { return value }
            return nil
        }
    }

    private func execute(_ block: [FuzzStatement], _ g: FuzzGenerator.Yielder, _ frame: inout Frame) throws -> Flow {
        for statement in block {
            let flow = try execute(statement, g, &frame)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private func execute(_ statement: FuzzStatement, _ g: FuzzGenerator.Yielder, _ frame: inout Frame) throws -> Flow {
        switch statement {
        case .log(let id):
            log("L \(id)")
        case .yield(let id, let value):
            frame.received = try g.yield(value)
            log("recv \(id) \(traceValue(frame.received))")
        case .yieldFrom(let id, let function):
            delegations[frame.instance, default: 0] += 1
            defer { delegations[frame.instance, default: 0] -= 1 }
            frame.received = try g.yield(from: make(function, instance: frame.instance))
            log("yf \(id) \(traceValue(frame.received))")
        case .raise(let id, let kind):
            throw FuzzError(kind: kind, id: id)
        case .reraise:
            throw frame.handling.last!
        case .return(let id, let value):
            log("ret \(id) \(traceValue(value))")
            return .returned(value)
        case .try(let id, let body, let handlers, let final):
            let outcome: Result<Flow, any Error>
            do {
                outcome = .success(try execute(body, g, &frame))
            } catch {
                if let handler = handlers.first(where: { FuzzError.matches($0.catches, error) }) {
                    log("exc \(id) \(FuzzError.traceName(error))")
                    frame.handling.append(error)
                    do {
                        outcome = .success(try execute(handler.body, g, &frame))
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
                let flow = try execute(final, g, &frame)
                if flow != .normal { return flow }
            }
            return try outcome.get()
        case .loop(let id, let count, let body):
            for index in 0..<count {
                log("iter \(id) \(index)")
                switch try execute(body, g, &frame) {
                case .normal, .continueLoop: continue
                case .breakLoop: return .normal
                case .returned(let value): return .returned(value)
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
                return try execute(then, g, &frame)
            } else {
                log("else \(id)")
                return try execute(otherwise, g, &frame)
            }
        case .resume(let id, let slot):
            resume("inner \(id) g\(slot)", slot: slot) { try $0.send(nil) }
        case .state(let id, let slot):
            log("state \(id) g\(slot) \(state(slot))")
        case .pause(let id):
            log("pause \(id) unsupported in a sync program")
        }
        return .normal
    }
}
