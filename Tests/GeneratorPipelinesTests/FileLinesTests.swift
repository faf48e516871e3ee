import Foundation
import GeneratorPipelines
import Generators
import Testing

@Suite struct FileLinesTests {
    @Test(arguments: [
        ("a\nb\nc\n", ["a", "b", "c"]),
        ("a\nb\nc", ["a", "b", "c"]),  // a last line without a newline
        ("a\r\nb\r\n", ["a", "b"]),  // \r\n endings
        ("\n\n", ["", ""]),
        ("", []),
        ("a\rb\n", ["a\rb"]),  // a lone \r is part of the line
    ])
    func splitsLinesAsPythonDoes(text: String, lines: [String]) throws {
        let path = try temporaryFile(text)
        #expect(Array(try FileLines(path: path)) == lines)
    }

    @Test func linesLongerThanTheBufferAndAcrossBlocks() throws {
        let long = String(repeating: "x", count: FileLines.blockSize * 3 + 17)
        var text = ""
        var expected: [String] = []
        for i in 0..<2000 {
            let line = i == 700 ? long : "line \(i) " + String(repeating: "y", count: i % 97)
            expected.append(line)
            text += line + (i % 3 == 0 ? "\r\n" : "\n")
        }
        let path = try temporaryFile(text)
        let lines = try FileLines(path: path)
        #expect(Array(lines) == expected)
        #expect(lines.bytesRead == text.utf8.count)
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        let path = try temporaryFile([0x61, 0xFF, 0x62, 0x0A, 0x63, 0x0A])
        let lines = try FileLines(path: path)
        #expect(Array(lines) == ["a\u{FFFD}b", "c"])
        #expect(lines.linesWithInvalidUTF8 == 1)
    }

    @Test func aMissingFileIsATypedErrorNamingIt() {
        #expect(throws: PipelineError.cannotOpen(path: "/no/such/file", reason: "No such file or directory")) {
            _ = try FileLines(path: "/no/such/file")
        }
    }

    @Test func stoppingEarlyClosesTheFile() throws {
        let path = try temporaryFile((0..<100_000).map { "\($0)" }.joined(separator: "\n"))
        do {
            let lines = try FileLines(path: path)
            #expect(openDescriptors(to: path) == 1)
            for line in lines where line == "10" { break }
        }
        #expect(openDescriptors(to: path) == 0)
        // And through a generator pipeline: closing it closes the file.
        let pipeline = Generator<String> { g in try g.yield(from: try! FileLines(path: path)) }
        #expect(pipeline.next() == "0")
        #expect(openDescriptors(to: path) == 1)
        try pipeline.close()
        #expect(openDescriptors(to: path) == 0)
    }

    @Test func aFileIsReadOnce() throws {
        let path = try temporaryFile("a\nb\n")
        let lines = try FileLines(path: path)
        #expect(Array(lines) == ["a", "b"])
        #expect(Array(lines).isEmpty)
    }
}
