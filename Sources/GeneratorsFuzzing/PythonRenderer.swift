/// Renders a ``FuzzProgram`` as a Python script that prints nothing and
/// leaves its trace in the list `TRACE`: the oracle's side of the comparison.
package enum PythonRenderer {
    /// The whole script: the prelude, the functions and the driver.
    package static func script(_ program: FuzzProgram) -> String {
        var lines = prelude(slots: program.slotCount, isAsync: program.isAsync)
        for (index, body) in program.functions.enumerated() {
            lines.append("")
            lines.append(program.isAsync ? "async def f\(index)():" : "def f\(index)():")
            lines.append("    r = None")
            // A function with no reachable `yield` is still a generator (spec 1.1).
            lines.append(program.isAsync ? "    if False: yield" : "    if False: yield")
            render(body, indent: 1, isAsync: program.isAsync, into: &lines)
        }
        lines.append("")
        lines.append(program.isAsync ? "async def driver():" : "def driver():")
        for (index, operation) in program.operations.enumerated() {
            lines.append("    " + render(operation, index: index, isAsync: program.isAsync))
        }
        lines.append(program.isAsync ? "    await finish()" : "    finish()")
        lines.append("")
        lines.append(program.isAsync ? "run_async(driver)" : "driver()")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func render(_ operation: FuzzOperation, index: Int, isAsync: Bool) -> String {
        let label = "\"op \(index)"
        let wait = isAsync ? "await " : ""
        switch operation {
        case .create(let slot, let function):
            return "create(\(label) create g\(slot) f\(function)\", \(slot), f\(function))"
        case .next(let slot):
            return "\(wait)resume(\(label) next g\(slot)\", \(slot), 'next')"
        case .send(let slot, let value):
            return "\(wait)resume(\(label) send g\(slot) \(value)\", \(slot), 'send', \(value))"
        case .throw(let slot, let kind, let id):
            let error = kind == 0 ? "GeneratorExit()" : "E\(kind)(\(id))"
            let name = kind == 0 ? "GeneratorExit" : "E\(kind)(\(id))"
            return "\(wait)resume(\(label) throw g\(slot) \(name)\", \(slot), 'throw', \(error))"
        case .close(let slot):
            return "\(wait)resume(\(label) close g\(slot)\", \(slot), 'close')"
        case .drop(let slot):
            return "drop(\(label) drop g\(slot)\", \(slot))"
        case .state(let slot):
            return "log(\(label) state g\(slot) \" + state(\(slot)))"
        case .cancelledNext(let slot, let pause):
            return "await cancelled_next(\(label) cancelled-next g\(slot) at \(pause)\", \(slot), \(pause))"
        }
    }

    private static func render(_ block: [FuzzStatement], indent: Int, isAsync: Bool, into lines: inout [String]) {
        if block.isEmpty {
            lines.append(String(repeating: "    ", count: indent) + "pass")
            return
        }
        for statement in block { render(statement, indent: indent, isAsync: isAsync, into: &lines) }
    }

    private static func render(_ statement: FuzzStatement, indent: Int, isAsync: Bool, into lines: inout [String]) {
        let pad = String(repeating: "    ", count: indent)
        func line(_ text: String) { lines.append(pad + text) }
        switch statement {
        case .log(let id): line("log(\"L \(id)\")")
        case .yield(let id, let value):
            line("r = yield \(traceValue(value))")
            line("log(\"recv \(id) \" + fmt(r))")
        case .yieldFrom(let id, let function):
            line("r = yield from f\(function)()")
            line("log(\"yf \(id) \" + fmt(r))")
        case .raise(let id, let kind): line("raise E\(kind)(\(id))")
        case .reraise: line("raise")
        case .return(let id, let value):
            // An async generator returns no value (PEP 525).
            line("log(\"ret \(id) \(isAsync ? "None" : traceValue(value))\")")
            line(isAsync ? "return" : "return \(traceValue(value))")
        case .try(let id, let body, let handlers, let final):
            line("try:")
            render(body, indent: indent + 1, isAsync: isAsync, into: &lines)
            for handler in handlers {
                let caught: String
                switch handler.catches {
                case .kinds(let kinds) where kinds.count == 1: caught = "E\(kinds[0])"
                case .kinds(let kinds): caught = "(" + kinds.map { "E\($0)" }.joined(separator: ", ") + ")"
                case .exception: caught = "Exception"
                case .generatorExit: caught = "GeneratorExit"
                case .all: caught = "BaseException"
                }
                line("except \(caught) as e:")
                lines.append(pad + "    log(\"exc \(id) \" + name(e))")
                render(handler.body, indent: indent + 1, isAsync: isAsync, into: &lines)
            }
            if let final {
                line("finally:")
                lines.append(pad + "    log(\"fin \(id)\")")
                render(final, indent: indent + 1, isAsync: isAsync, into: &lines)
            }
        case .loop(let id, let count, let body):
            line("for i in range(\(count)):")
            lines.append(pad + "    log(\"iter \(id) \" + str(i))")
            render(body, indent: indent + 1, isAsync: isAsync, into: &lines)
        case .break(let id):
            line("log(\"brk \(id)\")")
            line("break")
        case .continue(let id):
            line("log(\"cont \(id)\")")
            line("continue")
        case .ifNone(let id, let then, let otherwise):
            line("if r is None:")
            lines.append(pad + "    log(\"then \(id)\")")
            render(then, indent: indent + 1, isAsync: isAsync, into: &lines)
            line("else:")
            lines.append(pad + "    log(\"else \(id)\")")
            render(otherwise, indent: indent + 1, isAsync: isAsync, into: &lines)
        case .resume(let id, let slot):
            line((isAsync ? "await " : "") + "resume_inner(\"inner \(id) g\(slot)\", \(slot))")
        case .state(let id, let slot):
            line("log(\"state \(id) g\(slot) \" + state(\(slot)))")
        case .pause(let id):
            line("await pause(\(id))")
        }
    }

    /// What every script starts with: the trace, the errors, the driver's
    /// operations. The garbage collector only runs when the driver drops a
    /// generator, so that finalization happens at the same points as in Swift.
    private static func prelude(slots: Int, isAsync: Bool) -> [String] {
        var text = """
            import asyncio, gc, inspect, sys
            gc.disable()
            TRACE = []
            def log(line): TRACE.append(line)
            def fmt(v): return "None" if v is None else str(v)
            class Fz(Exception):
                kind = 0
                def __init__(self, id):
                    super().__init__(id)
                    self.id = id
            class E1(Fz): kind = 1
            class E2(Fz): kind = 2
            class E3(Fz): kind = 3
            def name(e):
                if isinstance(e, Fz): return f"E{e.kind}({e.id})"
                if isinstance(e, GeneratorExit): return "GeneratorExit"
                if isinstance(e, asyncio.CancelledError): return "Cancelled"
                if isinstance(e, RuntimeError) and "ignored GeneratorExit" in str(e): return "IgnoredClose"
                if isinstance(e, TypeError) and "just-started" in str(e): return "SendToUnstarted"
                if isinstance(e, (ValueError, RuntimeError)) and "already" in str(e): return "AlreadyExecuting"
                return f"Other({type(e).__name__}: {e})"
            sys.unraisablehook = lambda u: log("unraisable " + name(u.exc_value))
            G = [None] * \(slots)
            def drop(label, i):
                log(label)
                G[i] = None
                gc.collect()
            def create(label, i, f):
                drop(label, i)
                G[i] = f()

            """
        if isAsync {
            text += """
                def state(i):
                    # inspect.getasyncgenstate is 3.12's; in 3.11 a frame that has not started
                    # is at instruction 0, and ag_running holds across the body's awaits.
                    g = G[i]
                    if g is None: return "empty"
                    if g.ag_running: return "running"
                    if g.ag_frame is None: return "closed"
                    return "created" if g.ag_frame.f_lasti == 0 else "suspended"
                async def resume(label, i, how, arg=None):
                    g = G[i]
                    if g is None:
                        return log(label + " -> empty")
                    closed = g.ag_frame is None
                    try:
                        if how == "next": v = await g.__anext__()
                        elif how == "send": v = await g.asend(arg)
                        elif how == "throw":
                            v = await g.athrow(arg)
                            if closed and v is None:
                                return log(label + " -> yield None (3.11: athrow on a closed generator)")
                        else:
                            await g.aclose()
                            return log(label + " -> closed None")
                        log(label + " -> yield " + fmt(v))
                    except StopAsyncIteration:
                        log(label + " -> stop")
                    except BaseException as e:
                        log(label + " -> raise " + name(e))
                async def resume_inner(label, i): await resume(label, i, "next")
                CANCEL = None
                CANCEL_AT = 0
                PAUSES = 0
                async def cancelled_next(label, i, k):
                    global CANCEL, CANCEL_AT, PAUSES
                    g = G[i]
                    if g is None:
                        return log(label + " -> empty")
                    CANCEL, CANCEL_AT, PAUSES = asyncio.ensure_future(capture(g.__anext__())), k, 0
                    log(label + " -> " + await CANCEL)
                    CANCEL = None
                async def capture(awaitable):
                    # The task's outcome as a value: a GeneratorExit the task ended with would be
                    # thrown into the driver's coroutines at their await, and PEP 380 makes that
                    # close them (a GeneratorExit escaped asyncio.run so).
                    try:
                        return "yield " + fmt(await awaitable)
                    except StopAsyncIteration:
                        return "stop"
                    except BaseException as e:
                        return "raise " + name(e)
                async def pause(id):
                    global PAUSES
                    log(f"pause {id}")
                    if CANCEL is not None:
                        PAUSES += 1
                        if PAUSES == CANCEL_AT:
                            log("cancel")
                            CANCEL.cancel()
                    await asyncio.sleep(0)
                FINAL = None
                async def finish():
                    # The trace ends here; asyncio.run then closes what is left open.
                    global FINAL
                    for i in range(len(G)): await resume(f"end close g{i}", i, "close")
                    log("end")
                    FINAL = list(TRACE)
                def run_async(driver): asyncio.run(driver())
                """
        } else {
            text += """
                STATES = {inspect.GEN_CREATED: "created", inspect.GEN_RUNNING: "running",
                          inspect.GEN_SUSPENDED: "suspended", inspect.GEN_CLOSED: "closed"}
                def state(i):
                    return "empty" if G[i] is None else STATES[inspect.getgeneratorstate(G[i])]
                def resume(label, i, how, arg=None):
                    g = G[i]
                    if g is None:
                        return log(label + " -> empty")
                    closed = inspect.getgeneratorstate(g) == inspect.GEN_CLOSED
                    try:
                        if how == "next": v = next(g)
                        elif how == "send": v = g.send(arg)
                        elif how == "throw": v = g.throw(arg)
                        else:
                            v = close313(g)
                            return log(label + " -> closed None" + ("" if v is None else f" (3.13: {v})"))
                        log(label + " -> yield " + fmt(v))
                    except StopIteration as e:
                        log(label + (" -> exhausted" if closed else " -> return " + fmt(e.value)))
                    except BaseException as e:
                        log(label + " -> raise " + name(e))
                def close313(g):
                    # Python 3.13's close(), which returns what the body returned; 3.11's
                    # returns None. In CPython 3.11 close() and throw(GeneratorExit) take the
                    # same path (close the delegate of a `yield from`, then raise
                    # GeneratorExit at the paused yield: gen_close and gen_throw in
                    # Objects/genobject.c) and differ only in the result: a yield is a
                    # RuntimeError, StopIteration and GeneratorExit are None (3.13: the
                    # StopIteration's value).
                    try:
                        g.throw(GeneratorExit())
                    except StopIteration as e:
                        return e.value
                    except GeneratorExit:
                        return None
                    raise RuntimeError("generator ignored GeneratorExit")
                def resume_inner(label, i): resume(label, i, "next")
                def finish():
                    for i in range(len(G)): drop(f"end drop g{i}", i)
                """
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
