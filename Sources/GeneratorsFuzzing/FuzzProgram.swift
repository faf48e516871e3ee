/// A generated generator program: a few generator functions and a driver that
/// creates, resumes, throws into, closes and drops instances of them.
///
/// The same program is rendered to Python (run by CPython, the oracle) and
/// run by ``SyncInterpreter`` over the package's real API. Both print one
/// trace line per event, so the two traces can be compared line by line.
package struct FuzzProgram: Codable, Hashable, Sendable {
    /// The generator functions, `f0`, `f1`, …: function `i` may delegate only
    /// to functions after it, so delegation always ends.
    package var functions: [[FuzzStatement]]
    /// What the driver does, in order. The driver then drops every slot, in
    /// order.
    package var operations: [FuzzOperation]
    /// Whether the functions are async generators (`async def`, ``AsyncCoroutine``).
    package var isAsync: Bool

    package init(functions: [[FuzzStatement]], operations: [FuzzOperation], isAsync: Bool = false) {
        self.functions = functions
        self.operations = operations
        self.isAsync = isAsync
    }

    /// How many slots the driver uses.
    package var slotCount: Int {
        operations.map(\.slot).max().map { $0 + 1 } ?? 0
    }
}

/// A statement of a generator function's body. Every statement that can be
/// told apart in a trace carries an `id`, unique within the program.
package indirect enum FuzzStatement: Codable, Hashable, Sendable {
    /// `log("L id")`.
    case log(id: Int)
    /// `r = yield value` (`nil` yields `None`), then `log("recv id r")`.
    case yield(id: Int, value: Int?)
    /// `r = yield from f<function>()`, then `log("yf id r")` (sync only).
    case yieldFrom(id: Int, function: Int)
    /// `raise E<kind>(id)`.
    case raise(id: Int, kind: Int)
    /// A bare `raise`: re-raises the error the enclosing handler caught.
    /// Generated only at the top level of a handler's body.
    case reraise(id: Int)
    /// `log("ret id value"); return value`.
    case `return`(id: Int, value: Int?)
    /// `try: body`, then handlers in order, then `finally` (if any).
    case `try`(id: Int, body: [FuzzStatement], handlers: [FuzzHandler], finally: [FuzzStatement]?)
    /// `for i in range(count): log("iter id i"); body`.
    case loop(id: Int, count: Int, body: [FuzzStatement])
    /// `log("brk id"); break` (inside a loop only).
    case `break`(id: Int)
    /// `log("cont id"); continue` (inside a loop only).
    case `continue`(id: Int)
    /// `if r is None: then` `else: otherwise`, on the last value received.
    case ifNone(id: Int, then: [FuzzStatement], otherwise: [FuzzStatement])
    /// `next()` on the generator in a driver slot, from inside a body (its
    /// own slot gives "already executing"), logged as the driver's
    /// operations are.
    case resume(id: Int, slot: Int)
    /// `log("state id <state of slot>")`.
    case state(id: Int, slot: Int)
    /// `await asyncio.sleep(0)` / `try await Task.sleep(for: .zero)` (async only).
    case pause(id: Int)
}

/// An `except` clause.
package struct FuzzHandler: Codable, Hashable, Sendable {
    package var catches: FuzzCatch
    package var body: [FuzzStatement]

    package init(catches: FuzzCatch, body: [FuzzStatement]) {
        self.catches = catches
        self.body = body
    }
}

/// What an `except` clause catches.
package enum FuzzCatch: Codable, Hashable, Sendable {
    /// `except (E<k>, …)`.
    case kinds([Int])
    /// `except Exception`: every error but the close signal (and, async,
    /// the cancellation).
    case exception
    /// `except GeneratorExit`.
    case generatorExit
    /// `except BaseException`: everything, the close signal too.
    case all
}

/// One step of the driver.
package enum FuzzOperation: Codable, Hashable, Sendable {
    /// `G[slot] = f<function>()` (a generator in the slot before is dropped).
    case create(slot: Int, function: Int)
    /// `next(G[slot])` / `anext`.
    case next(slot: Int)
    /// `G[slot].send(value)` / `asend`.
    case send(slot: Int, value: Int)
    /// `G[slot].throw(E<kind>(id))`, kind 0 meaning `GeneratorExit()` / `athrow`.
    case `throw`(slot: Int, kind: Int, id: Int)
    /// `G[slot].close()` / `aclose`.
    case close(slot: Int)
    /// `G[slot] = None`: drops the driver's reference.
    case drop(slot: Int)
    /// The slot's state (`inspect.getgeneratorstate`).
    case state(slot: Int)
    /// `next` in a task that is cancelled when the body reaches its
    /// `pause`-th pause (async only).
    case cancelledNext(slot: Int, pause: Int)

    /// The slot the operation acts on.
    package var slot: Int {
        switch self {
        case .create(let slot, _), .next(let slot), .send(let slot, _), .throw(let slot, _, _),
            .close(let slot), .drop(let slot), .state(let slot), .cancelledNext(let slot, _):
            slot
        }
    }
}
