import Foundation
import GeneratorPipelines
import Testing

@Suite struct AsyncLinesTests {
    @Test func linesArriveInOrderWithABoundedRunAhead() async throws {
        let expected = (0..<20_000).map { "line \($0)" }
        let path = try temporaryFile(expected.joined(separator: "\n") + "\n")
        var seen: [String] = []
        for try await line in try asyncLines(path: path, runAhead: 64) { seen.append(line) }
        #expect(seen == expected)
    }

    @Test func aMissingFileFailsAtOnceAndAReadErrorAfterTheLinesBeforeIt() async throws {
        #expect(throws: PipelineError.cannotOpen(path: "/no/such/log", reason: "No such file or directory")) {
            _ = try asyncLines(path: "/no/such/log")
        }
        let packed = try gzipped(Array((0..<50_000).map { "row \($0)\n" }.joined().utf8))
        let path = try temporaryFile(Array(packed.prefix(packed.count / 2)))
        var count = 0
        await #expect(throws: PipelineError.truncatedGzip(path: path, offset: packed.count / 2)) {
            for try await _ in try asyncLines(path: path) { count += 1 }
        }
        #expect(count > 1000)
    }

    @Test func closingTheGeneratorClosesTheFile() async throws {
        let path = try temporaryFile((0..<100_000).map { "\($0)" }.joined(separator: "\n"))
        let lines = try asyncLines(path: path, runAhead: 8)
        #expect(try await lines.next() == "0")
        try await lines.close()
        #expect(openDescriptors(to: path) == 0)
    }
}
