import Generators
import GeneratorsFuzzing
import Testing

@Suite("SyncInterpreter")
struct SyncInterpreterTests {
    @Test("a program's trace, line by line, as CPython 3.11 printed it")
    func trace() {
        let program = FuzzProgram(
            functions: [
                [
                    .yield(id: 1, value: 10),
                    .try(
                        id: 2,
                        body: [.yield(id: 3, value: nil)],
                        handlers: [FuzzHandler(catches: .kinds([1, 2]), body: [.return(id: 4, value: 7)])],
                        finally: [.log(id: 5)]
                    ),
                ]
            ],
            operations: [
                .create(slot: 0, function: 0), .send(slot: 0, value: 3), .next(slot: 0), .send(slot: 0, value: 4),
                .throw(slot: 0, kind: 2, id: 9), .next(slot: 0),
            ]
        )
        let trace = SyncInterpreter.trace(of: program, name: "fuzz-trace-test") { [] }
        #expect(
            trace == [
                "op 0 create g0 f0",
                "op 1 send g0 3 -> raise SendToUnstarted",
                "op 2 next g0 -> yield 10",
                "recv 1 4",
                "op 3 send g0 4 -> yield None",
                "exc 2 E2(9)",
                "ret 4 7",
                "fin 2",
                "L 5",
                "op 4 throw g0 E2(9) -> return 7",
                "op 5 next g0 -> exhausted",
                "end drop g0",
            ]
        )
    }
}
