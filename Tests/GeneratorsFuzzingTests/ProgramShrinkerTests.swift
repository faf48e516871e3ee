import GeneratorsFuzzing
import Testing

@Suite("ProgramShrinker")
struct ProgramShrinkerTests {
    /// Whether a block raises `E2` anywhere.
    private static func raisesE2(_ block: [FuzzStatement]) -> Bool {
        block.contains { statement in
            switch statement {
            case .raise(_, let kind): kind == 2
            case .try(_, let body, let handlers, let final):
                raisesE2(body) || handlers.contains { raisesE2($0.body) } || raisesE2(final ?? [])
            case .loop(_, _, let body): raisesE2(body)
            case .ifNone(_, let then, let otherwise): raisesE2(then) || raisesE2(otherwise)
            default: false
            }
        }
    }

    @Test("a failure that needs one statement shrinks to that statement and no operation")
    func shrinksToTheCause() async throws {
        var found: FuzzProgram?
        for seed in 1...500 as ClosedRange<UInt64> {
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            if program.functions.contains(where: Self.raisesE2), program.operations.count > 5 {
                found = program
                break
            }
        }
        let program = try #require(found)
        let small = await ProgramShrinker.shrink(program) { $0.functions.contains(where: Self.raisesE2) }
        #expect(small.isValid)
        #expect(small.operations.isEmpty)
        let statements = small.functions.flatMap { $0 }
        #expect(statements.count == 1)
        if case .raise(_, 2) = statements.first {} else { Issue.record("shrunk to \(statements)") }
    }

    @Test("a program that does not fail is returned as it is")
    func keepsWhatPasses() async {
        var generator = ProgramGenerator(seed: 7)
        let program = generator.program()
        #expect(await ProgramShrinker.shrink(program) { _ in false } == program)
    }

    @Test("validity: break outside a loop, a bare raise outside a handler, delegation backwards")
    func validity() {
        let create = FuzzOperation.create(slot: 0, function: 0)
        #expect(FuzzProgram(functions: [[.yield(id: 1, value: 1)]], operations: [create]).isValid)
        #expect(!FuzzProgram(functions: [[.break(id: 1)]], operations: [create]).isValid)
        #expect(!FuzzProgram(functions: [[.reraise(id: 1)]], operations: [create]).isValid)
        #expect(
            FuzzProgram(
                functions: [
                    [
                        .try(
                            id: 1,
                            body: [],
                            handlers: [FuzzHandler(catches: .all, body: [.reraise(id: 2)])],
                            finally: nil
                        )
                    ]
                ],
                operations: [create]
            ).isValid
        )
        #expect(!FuzzProgram(functions: [[], [.yieldFrom(id: 1, function: 0)]], operations: [create]).isValid)
        #expect(!FuzzProgram(functions: [[.state(id: 1, slot: 1)]], operations: [create]).isValid)
    }
}
