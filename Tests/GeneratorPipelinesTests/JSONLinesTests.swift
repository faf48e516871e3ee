import Foundation
import GeneratorPipelines
import Testing

private struct Event: Decodable, Equatable {
    var user: String
    var count: Int
}

@Suite struct JSONLinesTests {
    @Test func decodesEachLineSkipsBlankOnesAndCountsTheRest() throws {
        let path = try temporaryFile(
            """
            {"user": "ada", "count": 1}
            {"user": "bob", "count": 2}\r

            {"user": "cy"}
            not json
            {"user": "dee", "count": "three"}
              {"user": "eve", "count": 5, "extra": true}
            """
        )
        let events = try JSONLines(path: path, as: Event.self)
        #expect(
            Array(events) == [Event(user: "ada", count: 1), Event(user: "bob", count: 2), Event(user: "eve", count: 5)]
        )
        #expect(events.malformedLines == 3)
        #expect(events.malformedExamples.map(\.lineNumber) == [4, 5, 6])
        #expect(events.malformedExamples.map(\.reason) == ["no key \"count\"", "not JSON", "count is not Int"])
        #expect(events.malformedExamples.first?.path == path)
        #expect(events.readError == nil)
    }

    @Test func strictModeStopsAtTheFirstMalformedLine() throws {
        let path = try temporaryFile("{\"user\": \"a\", \"count\": 1}\n[1, 2]\n{\"user\": \"b\", \"count\": 2}\n")
        let events = try JSONLines(path: path, as: Event.self, strict: true)
        #expect(Array(events) == [Event(user: "a", count: 1)])
        #expect(events.readError == .malformedRecord(path: path, lineNumber: 2, line: "[1, 2]"))
        #expect(openDescriptors(to: path) == 0)
    }

    @Test func gzipFilesAndAGeneratorStageOverThem() throws {
        let text = (0..<1000).map { "{\"user\": \"u\($0 % 7)\", \"count\": \($0)}" }.joined(separator: "\n")
        let path = try temporaryFile(try gzipped(Array(text.utf8)))
        let total = Generator<Int> { g in
            for event in try! JSONLines(path: path, as: Event.self) { try g.yield(event.count) }
        }
        #expect(total.reduce(0, +) == 999 * 1000 / 2)
    }
}
