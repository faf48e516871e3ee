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
