import Foundation
import GeneratorPipelines
import Generators
import Testing

/// Many lines of varied length, some with `\r\n`, one longer than a block.
private func sampleText() -> (text: String, lines: [String]) {
    var text = ""
    var lines: [String] = []
    for i in 0..<5000 {
        let line =
            i == 1234
            ? String(repeating: "z", count: ByteLines.blockSize * 2 + 5)
            : "line \(i) \(String(repeating: "q", count: i % 131))"
        lines.append(line)
        text += line + (i % 4 == 0 ? "\r\n" : "\n")
    }
    return (text, lines)
}

@Suite struct ByteLinesTests {
    @Test func iterationAndForEachLineGiveTheSameLinesAsFileLines() throws {
        let (text, expected) = sampleText()
        let path = try temporaryFile(text)
        let sliced = try ByteLines(path: path).map { String(decoding: $0, as: UTF8.self) }
        var lent: [String] = []
        try ByteLines(path: path).forEachLine { line in
            lent.append(line.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
        }
        #expect(sliced == expected)
        #expect(lent == expected)
        #expect(Array(try FileLines(path: path)) == expected)
    }

    @Test func aKeptLineStaysValidAfterTheBufferIsRefilled() throws {
        let (text, expected) = sampleText()
        let path = try temporaryFile(text)
        // Keeping every slice: each refill must copy, never overwrite.
        let kept = Array(try ByteLines(path: path))
        #expect(kept.map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test func gzipIsKnownByItsMagicBytesNotItsName() throws {
        let (text, expected) = sampleText()
        let path = try temporaryFile(try gzipped(Array(text.utf8)))  // named "input", no .gz
        let lines = try ByteLines(path: path)
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == expected)
        #expect(lines.readError == nil)
        #expect(lines.bytesRead == lines.fileSize)
    }

    @Test func concatenatedGzipMembersReadAsOneFile() throws {
        let path = try temporaryFile(try gzipped(Array("a\nb\n".utf8)) + gzipped(Array("c\nd".utf8)))
        #expect(Array(try FileLines(path: path)) == ["a", "b", "c", "d"])
    }

    @Test func aTruncatedGzipFileIsAnErrorWithItsOffsetAfterTheLinesBeforeIt() throws {
        let (text, expected) = sampleText()
        let whole = try gzipped(Array(text.utf8))
        let cut = Array(whole.prefix(whole.count * 2 / 3))
        let path = try temporaryFile(cut)
        var delivered: [String] = []
        #expect(throws: PipelineError.truncatedGzip(path: path, offset: cut.count)) {
            try ByteLines(path: path).forEachLine { line in
                delivered.append(line.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
            }
        }
        // Every line before the cut, complete; the cut line is not delivered.
        #expect(delivered.count > 100)
        #expect(delivered == Array(expected.prefix(delivered.count)))
        // Iteration ends early and names the error.
        let lines = try FileLines(path: path)
        #expect(Array(lines) == delivered)
        #expect(lines.readError == .truncatedGzip(path: path, offset: cut.count))
    }

    @Test func damagedGzipDataIsATypedError() throws {
        var bytes = try gzipped(Array(sampleText().text.utf8))
        for index in 40..<60 { bytes[index] ^= 0x5A }
        let path = try temporaryFile(bytes)
        let lines = try ByteLines(path: path)
        _ = Array(lines)
        guard case .invalidGzip(let errorPath, let offset, _) = lines.readError else {
            Issue.record("expected invalidGzip, got \(String(describing: lines.readError))")
            return
        }
        #expect(errorPath == path)
        #expect(offset > 0 && offset <= bytes.count)
    }

    @Test func aLineLongerThanTheLimitIsATypedErrorNamingIt() throws {
        let path = try temporaryFile("short\n" + String(repeating: "x", count: 300_000) + "\nnext\n")
        var seen: [Int] = []
        #expect(throws: PipelineError.lineTooLong(path: path, lineNumber: 2, limit: 200_000)) {
            try ByteLines(path: path, maximumLineLength: 200_000).forEachLine { seen.append($0.count) }
        }
        #expect(seen == [5])
    }

    @Test func aFolderIsNotAFileToRead() throws {
        let folder = try temporaryFolder()
        #expect(throws: PipelineError.cannotOpen(path: folder, reason: "Is a directory")) {
            _ = try ByteLines(path: folder)
        }
    }

    @Test func stoppingEarlyClosesTheFileInEveryForm() throws {
        let path = try temporaryFile((0..<100_000).map { "\($0)" }.joined(separator: "\n"))
        // A break in a loop.
        do {
            let lines = try ByteLines(path: path)
            #expect(openDescriptors(to: path) == 1)
            for line in lines where line.count == 3 { break }
        }
        #expect(openDescriptors(to: path) == 0)
        // An error thrown from the body.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try ByteLines(path: path).forEachLine { _ in throw Stop() }
        }
        #expect(openDescriptors(to: path) == 0)
        // A generator stage over it, closed.
        let stage = Generator<Int> { g in
            for line in try! ByteLines(path: path) { try g.yield(line.count) }
        }
        #expect(stage.next() == 1)
        #expect(openDescriptors(to: path) == 1)
        try stage.close()
        #expect(openDescriptors(to: path) == 0)
    }

    @Test func theEndOfTheLinesClosesTheFileBeforeTheSequenceGoesAway() throws {
        let path = try temporaryFile("a\nb\n")
        let lines = try ByteLines(path: path)
        try lines.forEachLine { _ in }
        #expect(openDescriptors(to: path) == 0)
        withExtendedLifetime(lines) {}
    }
}
