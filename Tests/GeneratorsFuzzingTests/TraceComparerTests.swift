import GeneratorsFuzzing
import Testing

@Suite("TraceComparer")
struct TraceComparerTests {
    @Test("identical traces")
    func identical() {
        let trace = ["op 0 create g0 f0", "op 1 next g0 -> yield 1", "end drop g0"]
        #expect(TraceComparer.compare(python: trace, swift: trace) == .identical)
    }

    @Test("the first line that differs is reported, with both sides")
    func divergent() {
        let python = ["op 0 create g0 f0", "op 1 next g0 -> yield 1", "end drop g0"]
        let swift = ["op 0 create g0 f0", "op 1 next g0 -> yield 2", "end drop g0"]
        #expect(
            TraceComparer.compare(python: python, swift: swift)
                == .divergent(line: 1, python: "op 1 next g0 -> yield 1", swift: "op 1 next g0 -> yield 2")
        )
        #expect(
            TraceComparer.compare(python: python, swift: Array(python.dropLast()))
                == .divergent(line: 2, python: "end drop g0", swift: nil)
        )
    }

    @Test("close-returns-value: the package's close() returns what Python 3.13's returns, and only that")
    func closeReturnsValue() {
        let python = ["op 2 close g0 -> closed None (3.13: 41)"]
        #expect(
            TraceComparer.compare(python: python, swift: ["op 2 close g0 -> closed 41"])
                == .explained([.closeReturnsValue])
        )
        #expect(TraceComparer.compare(python: python, swift: ["op 2 close g0 -> closed 93"]).isDivergent)
        #expect(TraceComparer.compare(python: python, swift: ["op 2 close g0 -> closed None"]).isDivergent)
        #expect(
            TraceComparer.compare(python: ["op 2 close g0 -> closed None"], swift: ["op 2 close g0 -> closed 41"])
                .isDivergent
        )
    }

    @Test("athrow-on-closed-raises: the package throws the error CPython 3.11's athrow swallows, and only that")
    func athrowOnClosedRaises() {
        let python = ["op 4 throw g1 E2(7) -> yield None (3.11: athrow on a closed generator)"]
        #expect(
            TraceComparer.compare(python: python, swift: ["op 4 throw g1 E2(7) -> raise E2(7)"])
                == .explained([.athrowOnClosedRaises])
        )
        #expect(TraceComparer.compare(python: python, swift: ["op 4 throw g1 E2(7) -> raise E1(7)"]).isDivergent)
        #expect(TraceComparer.compare(python: python, swift: ["op 4 throw g1 E2(7) -> yield None"]).isDivergent)
    }

    @Test("a departure the package marks explains what differs after it, and nothing before it")
    func departures() {
        let python = ["op 0 create g0 f0", "exc 3 GeneratorExit", "fin 5", "end drop g0"]
        let after = ["op 0 create g0 f0", "exc 3 GeneratorExit", "~ abandoned-body", "end drop g0"]
        #expect(TraceComparer.compare(python: python, swift: after) == .explained([.abandonedBody]))
        // The errors reported with an abandoned body come before its mark.
        let reported = ["op 0 create g0 f0", "exc 3 GeneratorExit", "unraisable IgnoredClose", "~ abandoned-body"]
        #expect(TraceComparer.compare(python: python, swift: reported) == .explained([.abandonedBody]))
        let before = ["op 0 create g0 f0", "exc 3 E1(4)", "~ abandoned-body", "fin 5", "end drop g0"]
        #expect(TraceComparer.compare(python: python, swift: before).isDivergent)
        // A mark with nothing differing after it changes nothing.
        let harmless = [
            "op 0 create g0 f0", "~ throw-generator-exit-forwarded", "exc 3 GeneratorExit", "fin 5", "end drop g0",
        ]
        #expect(TraceComparer.compare(python: python, swift: harmless) == .identical)
    }

    @Test("every rule has a distinct mark")
    func annotations() {
        let marks = Set(TraceComparer.Rule.allCases.map(\.annotation))
        #expect(marks.count == TraceComparer.Rule.allCases.count)
        #expect(marks.allSatisfy { $0.hasPrefix("~ ") })
    }
}
