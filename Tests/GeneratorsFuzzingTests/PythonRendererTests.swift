import GeneratorsFuzzing
import Testing

@Suite("PythonRenderer and SwiftRenderer")
struct PythonRendererTests {
    private let program = FuzzProgram(
        functions: [
            [
                .try(
                    id: 1,
                    body: [.yield(id: 2, value: 5)],
                    handlers: [FuzzHandler(catches: .generatorExit, body: [.return(id: 3, value: 8)])],
                    finally: nil
                ),
                .yieldFrom(id: 4, function: 1),
            ],
            [.loop(id: 5, count: 2, body: [.yield(id: 6, value: nil), .break(id: 7)])],
        ],
        operations: [.create(slot: 0, function: 0), .next(slot: 0), .close(slot: 0)]
    )

    @Test("a function renders as a Python generator function")
    func python() {
        let script = PythonRenderer.script(program)
        let f0 = """
            def f0():
                r = None
                if False: yield
                try:
                    r = yield 5
                    log("recv 2 " + fmt(r))
                except GeneratorExit as e:
                    log("exc 1 " + name(e))
                    log("ret 3 8")
                    return 8
                r = yield from f1()
                log("yf 4 " + fmt(r))
            """
        #expect(script.contains(f0))
        #expect(script.contains("    for i in range(2):\n        log(\"iter 5 \" + str(i))\n"))
        #expect(script.contains("    resume(\"op 2 close g0\", 0, 'close')\n    finish()\n"))
        #expect(script.hasSuffix("driver()\n"))
    }

    @Test("the same program reads as the Swift the interpreter runs")
    func swift() {
        let source = SwiftRenderer.source(program)
        #expect(source.contains("r = try g.yield(5); log(\"recv 2 \\(r)\")"))
        #expect(source.contains("} catch let error as GeneratorExit {"))
        #expect(source.contains("r = try g.yield(from: f1())"))
        #expect(source.contains("try G[0]?.close()   // op 2"))
    }
}
