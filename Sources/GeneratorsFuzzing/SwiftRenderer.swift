/// Renders a ``FuzzProgram`` as the Swift that ``SyncInterpreter`` runs:
/// what a divergence report shows next to the Python, for a person to read.
///
/// `finally` blocks are written with the package's `tryFinally`, whose
/// cleanup may yield, and the driver's operations as the calls the
/// interpreter makes.
package enum SwiftRenderer {
    /// The program as Swift source.
    package static func source(_ program: FuzzProgram) -> String {
        var lines: [String] = []
        let type = program.isAsync ? "AsyncCoroutine<Int?, Int, any Error>" : "Coroutine<Int?, Int, Int?, any Error>"
        let wait = program.isAsync ? "await " : ""
        for (index, body) in program.functions.enumerated() {
            lines.append("func f\(index)() -> \(type) {")
            lines.append("    \(type) { g in")
            lines.append("        var r: Int? = nil")
            render(body, indent: 2, wait: wait, into: &lines)
            lines.append("        return nil")
            lines.append("    }")
            lines.append("}")
        }
        lines.append("var G: [\(type)?] = Array(repeating: nil, count: \(program.slotCount))")
        for (index, operation) in program.operations.enumerated() {
            let text: String
            switch operation {
            case .create(let slot, let function): text = "G[\(slot)] = f\(function)()"
            case .next(let slot): text = "try \(wait)G[\(slot)]?.send(nil)"
            case .send(let slot, let value): text = "try \(wait)G[\(slot)]?.send(\(value))"
            case .throw(let slot, let kind, let id):
                text = "try \(wait)G[\(slot)]?.resume(throwing: \(kind == 0 ? "GeneratorExit()" : "E\(kind)(\(id))"))"
            case .close(let slot): text = "try \(wait)G[\(slot)]?.close()"
            case .drop(let slot): text = "G[\(slot)] = nil"
            case .state(let slot): text = "print(G[\(slot)]?.state)"
            case .cancelledNext(let slot, let pause):
                text = "let t = Task { try await G[\(slot)]?.next() }   // cancelled at pause number \(pause)"
            }
            lines.append(text + "   // op \(index)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func render(_ block: [FuzzStatement], indent: Int, wait: String, into lines: inout [String]) {
        let pad = String(repeating: "    ", count: indent)
        for statement in block {
            switch statement {
            case .log(let id): lines.append(pad + "log(\"L \(id)\")")
            case .yield(let id, let value):
                lines.append(
                    pad + "r = try \(wait)g.yield(\(value.map(String.init) ?? "nil")); log(\"recv \(id) \\(r)\")"
                )
            case .yieldFrom(let id, let function):
                lines.append(pad + "r = try g.yield(from: f\(function)()); log(\"yf \(id) \\(r)\")")
            case .raise(let id, let kind): lines.append(pad + "throw E\(kind)(\(id))")
            case .reraise: lines.append(pad + "throw error")
            case .return(let id, let value):
                lines.append(pad + "log(\"ret \(id)\"); return \(value.map(String.init) ?? "nil")")
            case .try(let id, let body, let handlers, let final):
                lines.append(pad + (final == nil ? "do {" : "try \(wait)tryFinally { do {"))
                render(body, indent: indent + 1, wait: wait, into: &lines)
                for handler in handlers {
                    let pattern: String
                    switch handler.catches {
                    case .kinds(let kinds): pattern = "let error as FuzzError where \(kinds).contains(error.kind)"
                    case .exception: pattern = "where !(error is GeneratorExit || error is CancellationError)"
                    case .generatorExit: pattern = "let error as GeneratorExit"
                    case .all: pattern = ""
                    }
                    lines.append(pad + "} catch \(pattern) {")
                    lines.append(pad + "    log(\"exc \(id) \\(error)\")")
                    render(handler.body, indent: indent + 1, wait: wait, into: &lines)
                }
                if let final {
                    lines.append(pad + "} } finally: {")
                    lines.append(pad + "    log(\"fin \(id)\")")
                    render(final, indent: indent + 1, wait: wait, into: &lines)
                }
                lines.append(pad + "}")
            case .loop(let id, let count, let body):
                lines.append(pad + "for i in 0..<\(count) {")
                lines.append(pad + "    log(\"iter \(id) \\(i)\")")
                render(body, indent: indent + 1, wait: wait, into: &lines)
                lines.append(pad + "}")
            case .break(let id): lines.append(pad + "log(\"brk \(id)\"); break")
            case .continue(let id): lines.append(pad + "log(\"cont \(id)\"); continue")
            case .ifNone(let id, let then, let otherwise):
                lines.append(pad + "if r == nil {")
                lines.append(pad + "    log(\"then \(id)\")")
                render(then, indent: indent + 1, wait: wait, into: &lines)
                lines.append(pad + "} else {")
                lines.append(pad + "    log(\"else \(id)\")")
                render(otherwise, indent: indent + 1, wait: wait, into: &lines)
                lines.append(pad + "}")
            case .resume(let id, let slot):
                lines.append(pad + "log(\"inner \(id)\", try? G[\(slot)]?.send(nil))")
            case .state(let id, let slot): lines.append(pad + "log(\"state \(id) \\(G[\(slot)]?.state)\")")
            case .pause: lines.append(pad + "try Task.checkCancellation(); await Task.yield()")
            }
        }
    }
}
