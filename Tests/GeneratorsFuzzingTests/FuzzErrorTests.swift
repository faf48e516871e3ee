import Generators
import GeneratorsFuzzing
import Testing

@Suite("FuzzError")
struct FuzzErrorTests {
    @Test("errors are named as the oracle names the Python exceptions they stand for")
    func names() {
        #expect(FuzzError.traceName(FuzzError(kind: 2, id: 7)) == "E2(7)")
        #expect(FuzzError.traceName(GeneratorExit()) == "GeneratorExit")
        #expect(FuzzError.traceName(CancellationError()) == "Cancelled")
        #expect(FuzzError.traceName(GeneratorError.ignoredClose(.close)) == "IgnoredClose")
        #expect(FuzzError.traceName(GeneratorError.sendToUnstarted) == "SendToUnstarted")
        #expect(FuzzError.traceName(GeneratorError.alreadyExecuting(.next)) == "AlreadyExecuting")
    }

    @Test("except clauses catch what Python's do: Exception lets the close signal and the cancellation through")
    func matching() {
        let e1 = FuzzError(kind: 1, id: 0)
        #expect(FuzzError.matches(.kinds([1, 3]), e1))
        #expect(!FuzzError.matches(.kinds([2]), e1))
        #expect(FuzzError.matches(.exception, e1))
        #expect(FuzzError.matches(.exception, GeneratorError.ignoredClose(.close)))
        #expect(!FuzzError.matches(.exception, GeneratorExit()))
        #expect(!FuzzError.matches(.exception, CancellationError()))
        #expect(FuzzError.matches(.generatorExit, GeneratorExit()))
        #expect(!FuzzError.matches(.generatorExit, e1))
        #expect(FuzzError.matches(.all, GeneratorExit()))
        #expect(FuzzError.thrown(kind: 0, id: 5) is GeneratorExit)
    }
}
