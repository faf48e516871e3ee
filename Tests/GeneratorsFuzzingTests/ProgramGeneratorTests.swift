import GeneratorsFuzzing
import Testing

@Suite("ProgramGenerator")
struct ProgramGeneratorTests {
    @Test("the same seed draws the same program; another seed, another")
    func deterministic() {
        var first = ProgramGenerator(seed: 42)
        var again = ProgramGenerator(seed: 42)
        var other = ProgramGenerator(seed: 43)
        let program = first.program()
        #expect(program == again.program())
        #expect(program != other.program())
    }

    @Test("every drawn program is valid, and together they use every statement and operation")
    func valid() {
        var statements: Set<String> = []
        var operations: Set<String> = []
        func visit(_ block: [FuzzStatement]) {
            for statement in block {
                statements.insert(String(describing: statement).prefix { $0 != "(" }.description)
                switch statement {
                case .try(_, let body, let handlers, let final):
                    visit(body)
                    for handler in handlers { visit(handler.body) }
                    visit(final ?? [])
                case .loop(_, _, let body): visit(body)
                case .ifNone(_, let then, let otherwise):
                    visit(then)
                    visit(otherwise)
                default: break
                }
            }
        }
        for seed in 1...2000 as ClosedRange<UInt64> {
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            #expect(program.isValid, "seed \(seed)")
            #expect(!program.isAsync)
            for body in program.functions { visit(body) }
            for operation in program.operations {
                operations.insert(String(describing: operation).prefix { $0 != "(" }.description)
            }
        }
        #expect(
            statements == [
                "log", "yield", "yieldFrom", "raise", "reraise", "return", "try", "loop", "break", "continue",
                "ifNone", "resume", "state",
            ]
        )
        #expect(operations == ["create", "next", "send", "throw", "close", "drop", "state"])
    }
}
