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
