import Foundation
import GeneratorPipelines
import Generators
import Testing

@Suite struct FindFilesTests {
    @Test func walksTheTreeInNameOrderAndMatchesNames() throws {
        let top = try temporaryFolder()
        for path in ["b.log", "a.log", "notes.txt", "sub/c.log", "sub/deeper/d.log.gz", ".hidden/e.log", ".f.log"] {
            let url = URL(fileURLWithPath: top).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data("x\n".utf8).write(to: url)
        }
        let found = Array(try findFiles(under: top, matching: "*.log*"))
        #expect(found == ["a.log", "b.log", "sub/c.log", "sub/deeper/d.log.gz"].map { top + "/" + $0 })
        #expect(Array(try findFiles(under: top)).count == 5)
    }

    @Test func aMissingFolderIsATypedError() {
        #expect(throws: PipelineError.cannotOpen(path: "/no/such/folder", reason: "No such file or directory")) {
            _ = try findFiles(under: "/no/such/folder")
        }
    }

    @Test func beazleysGenCatIsYieldFrom() throws {
        let top = try temporaryFolder()
        try Data("1\n2\n".utf8).write(to: URL(fileURLWithPath: top + "/a.log"))
        try Data("3\n".utf8).write(to: URL(fileURLWithPath: top + "/b.log"))
        let paths = try findFiles(under: top, matching: "*.log")
        let lines = ThrowingGenerator<String> { g in
            for path in paths { try g.yield(from: try FileLines(path: path)) }
        }
        var all: [String] = []
        while let line = try lines.next() { all.append(line) }
        #expect(all == ["1", "2", "3"])
        // The same, shipped.
        let shipped = concatenatedLines(of: try findFiles(under: top, matching: "*.log"))
        var again: [String] = []
        while let line = try shipped.next() { again.append(line) }
        #expect(again == all)
    }

    @Test func concatenatedLinesStopsAtAFileThatCannotBeOpened() throws {
        let top = try temporaryFolder()
        try Data("1\n".utf8).write(to: URL(fileURLWithPath: top + "/a.log"))
        let lines = concatenatedLines(of: [top + "/a.log", top + "/missing.log"])
        #expect(try lines.next() == "1")
        #expect(throws: PipelineError.cannotOpen(path: top + "/missing.log", reason: "No such file or directory")) {
            _ = try lines.next()
        }
    }
}
