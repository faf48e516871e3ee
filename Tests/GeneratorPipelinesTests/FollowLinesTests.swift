import Foundation
import GeneratorPipelines
import Generators
import Testing

/// Appends `text` to the file at `path`.
private func append(_ text: String, to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}

/// The next batch, or a failure after a minute (a bound for a hang, not a
/// speed test: the tests' host may be slow and loaded, under a sanitizer).
private func nextBatch(_ lines: AsyncGenerator<AppendedLines>) async throws -> AppendedLines? {
    try await withThrowingTaskGroup(of: AppendedLines?.self) { group in
        group.addTask { try await lines.next() }
        group.addTask {
            try await Task.sleep(for: .seconds(60))
            Issue.record("no batch within a minute")
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}

@Suite struct FollowLinesTests {
    @Test func appendedLinesArriveAndAPartialLineWaitsForItsNewline() async throws {
        let path = try temporaryFile("old 1\nold 2\n")
        let lines = followLines(path: path, pollInterval: .milliseconds(10))
        // From the end, as tail -F -n 0: the old lines are not delivered.
        try append("new 1\nnew 2\npart", to: path)
        #expect(try await nextBatch(lines) == AppendedLines(lines: ["new 1", "new 2"], startsNewFile: false))
        try append("ial\r\n", to: path)
        #expect(try await nextBatch(lines) == AppendedLines(lines: ["partial"], startsNewFile: false))
        try await lines.close()
    }

    @Test func fromOffsetZeroDeliversWhatIsThereFirst() async throws {
        let path = try temporaryFile("a\nb\n")
        let lines = followLines(path: path, startingAt: 0, pollInterval: .milliseconds(10))
        #expect(try await nextBatch(lines)?.lines == ["a", "b"])
        try await lines.close()
        // From an offset: what a reader that stopped there has not seen.
        let rest = followLines(path: path, startingAt: 2, pollInterval: .milliseconds(10))
        #expect(try await nextBatch(rest)?.lines == ["b"])
        try await rest.close()
    }

    @Test func aRotatedFileIsFinishedThenTheNewOneIsFollowedFromItsStart() async throws {
        let path = try temporaryFile("")
        let lines = followLines(path: path, pollInterval: .milliseconds(10))
        try append("before\n", to: path)
        #expect(try await nextBatch(lines)?.lines == ["before"])
        // logrotate's way: the last line of the old file, then rename, then a new file.
        try append("last of old\n", to: path)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try Data("first of new\n".utf8).write(to: URL(fileURLWithPath: path))
        var seen: [String] = []
        var rotated = false
        while seen.count < 2, let batch = try await nextBatch(lines) {
            seen += batch.lines
            rotated = rotated || batch.startsNewFile
        }
        #expect(seen == ["last of old", "first of new"])
        #expect(rotated)
        try await lines.close()
    }

    @Test func aTruncatedFileIsReadAgainFromItsStart() async throws {
        let path = try temporaryFile("")
        let lines = followLines(path: path, pollInterval: .milliseconds(10))
        try append("a long first line\n", to: path)
        #expect(try await nextBatch(lines)?.lines == ["a long first line"])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        try append("x\n", to: path)
        #expect(try await nextBatch(lines) == AppendedLines(lines: ["x"], startsNewFile: true))
        try await lines.close()
    }

    @Test func closingOrCancellingClosesTheFile() async throws {
        let path = try temporaryFile("")
        let lines = followLines(path: path, pollInterval: .milliseconds(10))
        try append("a\n", to: path)
        _ = try await nextBatch(lines)
        #expect(openDescriptors(to: path) == 1)
        try await lines.close()
        #expect(openDescriptors(to: path) == 0)
        // A consumer task cancelled while the follower waits for more.
        let task = Task {
            for try await _ in followLines(path: path, startingAt: 0, pollInterval: .milliseconds(10)) {}
        }
        // Until the follower has opened the file (a loaded machine may take a while to start it).
        for _ in 0..<1_000 where openDescriptors(to: path) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(openDescriptors(to: path) == 1)
        task.cancel()
        _ = await task.result
        #expect(openDescriptors(to: path) == 0)
    }

    @Test func aPathThatDoesNotExistYetIsWaitedFor() async throws {
        let path = try temporaryFolder() + "/later.log"
        let lines = followLines(path: path, pollInterval: .milliseconds(10))
        try await Task.sleep(for: .milliseconds(50))
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try await nextBatch(lines)?.lines == ["hello"])
        try await lines.close()
    }
}
