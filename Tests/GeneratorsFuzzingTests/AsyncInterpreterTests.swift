import Generators
import GeneratorsFuzzing
import Testing

@Suite("AsyncInterpreter")
struct AsyncInterpreterTests {
    @Test("an async program's trace, line by line, as CPython 3.11 printed it")
    func trace() async {
        let program = FuzzProgram(
            functions: [
                [
                    .yield(id: 1, value: 10),
                    .try(
                        id: 2,
                        body: [.pause(id: 3), .yield(id: 4, value: 11)],
                        handlers: [FuzzHandler(catches: .all, body: [.log(id: 5)])],
                        finally: [.log(id: 6)]
                    ),
                    .yield(id: 7, value: nil),
                ]
            ],
            operations: [
                .create(slot: 0, function: 0), .next(slot: 0), .cancelledNext(slot: 0, pause: 1),
                .send(slot: 0, value: 4),
                .next(slot: 0),
            ],
            isAsync: true
        )
        let trace = await AsyncInterpreter.trace(of: program, name: "fuzz-async-trace-test") { [] }
        #expect(
            trace == [
                "op 0 create g0 f0",
                "op 1 next g0 -> yield 10",
                "recv 1 None",
                "pause 3",
                "cancel",
                "exc 2 Cancelled",
                "L 5",
                "fin 2",
                "L 6",
                "op 2 cancelled-next g0 at 1 -> yield None",
                "recv 7 4",
                "op 3 send g0 4 -> stop",
                "op 4 next g0 -> stop",
                "end close g0 -> closed None",
                "end",
            ]
        )
    }
}
