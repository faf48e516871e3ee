import Foundation
import GeneratorPipelines
import Generators
import Testing

// The Swift snippets of the "Data pipelines" guide
// (GeneratorPipelines.docc/DataPipelines.md), run on the real log the guide
// quotes, read in place from ../shared/data/apache_logs (the folder holds
// access.log and a README), with the figures the guide prints.

private let logs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/data/apache_logs").standardized.path
private let haveLogs = FileManager.default.fileExists(atPath: logs + "/access.log")

private func catLines(_ paths: Generator<String>) -> ThrowingGenerator<String> {
    ThrowingGenerator { g in
        for path in paths {
            try g.yield(from: try FileLines(path: path))
        }
    }
}

private func grep(_ text: String, _ lines: ThrowingGenerator<String>) -> ThrowingGenerator<String> {
    ThrowingGenerator { g in
        while let line = try lines.next() {
            if line.contains(text) { try g.yield(line) }
        }
    }
}

@Suite(.enabled(if: haveLogs, "needs ../shared/data beside the checkout"))
struct DataPipelinesGuideTests {
    @Test func genFindFindsTheLog() throws {
        #expect(Array(try findFiles(under: logs, matching: "access*")) == [logs + "/access.log"])
    }

    @Test func genGrepKeepsThe404Lines() throws {
        let notFound = grep("\" 404 ", catLines(try findFiles(under: logs, matching: "access*")))
        var count = 0
        while try notFound.next() != nil { count += 1 }
        #expect(count == 213)
    }

    @Test func theByteColumnAddsUp() throws {
        let sizes = ThrowingGenerator<Int> { g in
            let lines = catLines(try findFiles(under: logs, matching: "access*"))
            while let line = try lines.next() {
                if let record = AccessLogRecord(parsing: line) { try g.yield(record.bytes) }
            }
        }
        var total = 0
        while let size = try sizes.next() { total += size }
        #expect(total == 2_747_282_505)
    }

    @Test func theSummaryCountsEverythingAtOnce() throws {
        var summary = AccessLogSummary()
        for path in try findFiles(under: logs, matching: "access*") {
            summary.beginFile(path)
            try ByteLines(path: path).forEachLine { summary.add(line: $0) }
        }
        #expect(summary.requests == 9_999)
        #expect(summary.malformedLines == 1)
        #expect(summary.top(.hosts, 1).map(\.key) == ["66.249.73.135"])
        #expect(summary.top(.hosts, 1).map(\.count) == [482])
    }

    @Test func closingThePipelineEarlyClosesTheOpenFile() throws {
        // Files of this test's own (the real log is open in other tests at
        // the same time, so its descriptors cannot be counted).
        let folder = try temporaryFolder()
        try Data("a\nb\n".utf8).write(to: URL(fileURLWithPath: folder + "/access.1"))
        try Data("c\n".utf8).write(to: URL(fileURLWithPath: folder + "/access.2"))
        let lines = catLines(try findFiles(under: folder, matching: "access*"))
        #expect(try lines.next() == "a")
        #expect(openDescriptors(to: folder + "/access.1") == 1)
        try lines.close()
        #expect(openDescriptors(to: folder + "/access.1") == 0)
        #expect(openDescriptors(to: folder + "/access.2") == 0)
    }
}
