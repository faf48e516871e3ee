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
