import Foundation
import Testing
import _GeneratorsTestSupport

/// Runs the `gen` built beside the tests; returns its exit code, standard
/// output and standard error.
func gen(_ arguments: [String], input: String? = nil) async throws -> (status: Int32, output: String, error: String) {
    try await offThePool { try genBlocking(arguments, input: input) }
}

/// `gen`, blocking the calling thread (for tests that run off the pool).
func genBlocking(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = try genBinary()
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    let inputPipe = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = inputPipe
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inputPipe.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outputData, as: UTF8.self),
        String(decoding: errorData, as: UTF8.self)
    )
}

/// The `gen` built beside the tests.
func genBinary() throws -> URL {
    try builtExecutable(named: "gen")
}

@Suite struct GenTests {
    @Test func logsWithoutFilesSummarizesTheBuiltInSample() async throws {
        let run = try await gen(["logs"])
        #expect(run.status == 0)
        #expect(run.output.contains("access log summary: (built-in sample)"))
        #expect(run.output.contains("requests         400"))
        #expect(run.output.contains("malformed lines  3"))
        #expect(run.output.contains("top paths"))
    }

    @Test func logsPrintsJSONAndReadsStandardInput() async throws {
        let log = """
            1.2.3.4 - - [t] "GET /a HTTP/1.1" 200 10 "-" "x"
            1.2.3.4 - - [t] "GET /b HTTP/1.1" 404 5 "https://r/" "x"
            not a record
            """
        let run = try await gen(["logs", "--json", "--top", "1", "-"], input: log)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["requests"] as? Int == 2)
        #expect(object["bytes_sent"] as? Int == 15)
        #expect(object["malformed_lines"] as? Int == 1)
        #expect((object["statuses"] as? [String: Int]) == ["200": 1, "404": 1])
        #expect((object["top_paths"] as? [[String: Any]])?.count == 1)
    }

    @Test func anUnreadableFileExitsWithTwoNamingIt() async throws {
        let run = try await gen(["logs", "/no/such/log"])
        #expect(run.status == 2)
        #expect(run.error.contains("cannot open /no/such/log"))
    }

    @Test func aBadOptionIsAUsageErrorWithExitCodeTwo() async throws {
        let run = try await gen(["logs", "--top", "-3"])
        #expect(run.status == 2)
        #expect(run.error.contains("--top"))
    }
}

/// The repository's root (for the parity script and the real log beside it).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fresh folder for a test's files.
func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gen-tool-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Runs a shell command line; its status and standard output.
func shell(_ command: String) async throws -> (status: Int32, output: String) {
    try await offThePool { try shellBlocking(command) }
}

/// `shell`, blocking the calling thread.
func shellBlocking(_ command: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A JSON document re-serialized with sorted keys (so two documents with the
/// same content compare equal as strings).
func canonicalJSON(_ text: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

@Suite struct MakeLogTests {
    @Test func theSameSeedWritesTheSameLogAndGzipHoldsTheSameBytes() async throws {
        let folder = try scratchFolder()
        let plain = folder.appendingPathComponent("a.log").path
        let again = folder.appendingPathComponent("b.log").path
        let packed = folder.appendingPathComponent("c.gz").path
        #expect(try await gen(["make-log", "--lines", "20000", "--seed", "4", "-o", plain]).status == 0)
        #expect(try await gen(["make-log", "--lines", "20000", "--seed", "4", "-o", again]).status == 0)
        #expect(try await gen(["make-log", "--lines", "20000", "--seed", "4", "--gzip", "-o", packed]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: plain))
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == bytes)
        #expect(try await shell("gzip -dc '\(packed)' | cmp - '\(plain)'").status == 0)
        #expect(try await gen(["make-log", "--lines", "20000", "--seed", "5"]).output.utf8.count != bytes.count)
        // Realistic: some malformed lines among the records, several hosts.
        let summary = try JSONSerialization.jsonObject(
            with: Data(try await gen(["logs", "--json", plain]).output.utf8)
        )
        let object = try #require(summary as? [String: Any])
        #expect(object["lines"] as? Int == 20_000)
        #expect((1...20).contains(object["malformed_lines"] as? Int ?? 0))
        #expect((object["top_hosts"] as? [Any])?.count == 10)
    }

    @Test func utf8WritesTheSameLogWithQuestionMarksForTheBytesThatAreNotUTF8() async throws {
        let folder = try scratchFolder()
        let binary = folder.appendingPathComponent("binary.log").path
        let text = folder.appendingPathComponent("text.log").path
        #expect(try await gen(["make-log", "--lines", "120000", "--seed", "1", "-o", binary]).status == 0)
        #expect(try await gen(["make-log", "--lines", "120000", "--seed", "1", "--utf8", "-o", text]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: binary))
        let after = try Data(contentsOf: URL(fileURLWithPath: text))
        #expect(before.count == after.count)
        #expect(String(validating: Array(after), as: UTF8.self) != nil)
        // Line 115,588 of this seed is a TLS handshake.
        #expect(String(validating: Array(before), as: UTF8.self) == nil)
        #expect(zip(before, after).allSatisfy { $0 == $1 || ($0 >= 0x80 && $1 == UInt8(ascii: "?")) })
        let summary = try JSONSerialization.jsonObject(with: Data(try await gen(["logs", "--json", text]).output.utf8))
        #expect((summary as? [String: Any])?["invalid_utf8_lines"] as? Int == 0)
    }
}

@Suite struct LogsOptionsTests {
    @Test func strictStopsAtTheFirstMalformedLineWithExitStatusOne() async throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("x.log").path
        try Data(
            "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 200 1\nnot a record\n1.2.3.4 - - [t] \"GET /b HTTP/1.1\" 200 1\n".utf8
        )
        .write(to: URL(fileURLWithPath: path))
        let run = try await gen(["logs", "--strict", path])
        #expect(run.status == 1)
        #expect(run.error.contains("\(path), line 2: not a record: not a record"))
        #expect(run.output.contains("PARTIAL"))
        #expect(run.output.contains("requests         1"))
        // Without --strict the run goes on.
        #expect(try await gen(["logs", path]).output.contains("requests         2"))
    }

    @Test func foldersAndPatternsAreExpandedAndGzipIsRead() async throws {
        let folder = try scratchFolder()
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        #expect(
            try await gen([
                "make-log", "--lines", "300", "--seed", "1", "-o", logs.appendingPathComponent("a.log").path,
            ])
            .status == 0
        )
        #expect(
            try await gen([
                "make-log", "--lines", "200", "--seed", "2", "--gzip", "-o",
                logs.appendingPathComponent("b.log.1").path,
            ]).status == 0
        )
        let byFolder = try await gen(["logs", "--json", logs.path])
        let byPattern = try await gen(["logs", "--json", logs.path + "/*.log*"])
        #expect(byFolder.status == 0)
        #expect(try canonicalJSON(byFolder.output) == canonicalJSON(byPattern.output))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(byFolder.output.utf8)) as? [String: Any])
        #expect(object["lines"] as? Int == 500)
        let none = try await gen(["logs", logs.path + "/*.nothing"])
        #expect(none.status == 2)
        #expect(none.error.contains("no file matches"))
    }

    @Test func aTruncatedGzipFileExitsWithTwoAfterPrintingWhatWasRead() async throws {
        let folder = try scratchFolder()
        let whole = folder.appendingPathComponent("w.gz").path
        let cut = folder.appendingPathComponent("cut.gz").path
        #expect(try await gen(["make-log", "--lines", "50000", "--gzip", "-o", whole]).status == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: whole)[.size] as? Int)
        #expect(try await shell("head -c \(size / 2) '\(whole)' > '\(cut)'").status == 0)
        let run = try await gen(["logs", "--json", cut])
        #expect(run.status == 2)
        #expect(run.error.contains("\(cut) is a truncated gzip file"))
        #expect(run.error.contains("at byte \(size / 2)"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["partial"] as? Bool == true)
        #expect((10_000..<50_000).contains(object["lines"] as? Int ?? 0))
    }
}

/// `gen logs --json` and the Beazley-style Python script print the same
/// document for the same files.
@Suite struct PythonParityTests {
    static let script = repositoryRoot.appendingPathComponent("Benchmarks/python/log_pipeline.py").path
    static let realLog = repositoryRoot.appendingPathComponent("../shared/data/apache_logs/access.log").standardized
        .path
    static let hasPython = (try? shellBlocking("command -v python3").status) == 0

    /// Compares the two documents in Python (Foundation's JSON parser drops
    /// a U+FEFF inside a string, so it cannot be the judge).
    func expectParity(_ files: [String], top: Int = 10) async throws {
        let swift = try await gen(["logs", "--json", "--top", String(top)] + files)
        #expect(swift.status == 0)
        let output = try scratchFolder().appendingPathComponent("swift.json")
        try Data(swift.output.utf8).write(to: output)
        let quoted = files.map { "'\($0)'" }.joined(separator: " ")
        let compare = """
            import json, sys
            a = json.load(open(sys.argv[1])); b = json.loads(sys.stdin.read())
            for k in sorted(set(a) | set(b)):
                if a.get(k) != b.get(k): print(k, 'swift:', a.get(k), 'python:', b.get(k))
            """
        let run = try await shell(
            "python3 '\(Self.script)' --top \(top) \(quoted) | python3 -c \"\(compare)\" '\(output.path)'"
        )
        #expect(run.status == 0)
        #expect(run.output == "", "gen logs --json and log_pipeline.py differ on \(files)")
    }

    @Test(.enabled(if: hasPython, "needs python3"))
    func generatedLogsPlainAndGzip() async throws {
        let folder = try scratchFolder()
        let plain = folder.appendingPathComponent("g.log").path
        let packed = folder.appendingPathComponent("g.log.gz").path
        // 60,000 lines: a dozen malformed lines of each kind, invalid UTF-8 among them.
        #expect(try await gen(["make-log", "--lines", "60000", "--seed", "11", "-o", plain]).status == 0)
        #expect(try await gen(["make-log", "--lines", "40000", "--seed", "12", "--gzip", "-o", packed]).status == 0)
        try await expectParity([plain])
        try await expectParity([packed], top: 25)
        try await expectParity([plain, packed], top: 3)
    }

    @Test(
        .enabled(if: hasPython && FileManager.default.fileExists(atPath: realLog), "needs python3 and ../shared/data")
    )
    func aRealServersLogPlainAndGzip() async throws {
        let folder = try scratchFolder()
        let packed = folder.appendingPathComponent("access.log.gz").path
        #expect(try await shell("gzip -c '\(Self.realLog)' > '\(packed)'").status == 0)
        try await expectParity([Self.realLog])
        try await expectParity([packed])
    }

    @Test(.enabled(if: hasPython, "needs python3"))
    func edgeCasesOfTheGrammar() async throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("edge.log").path
        let lines = [
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 10"#,  // Common
            #"1.2.3.4   -  - [17/May/2015:10:05:03 +0000]"GET /a HTTP/1.1"   200 - "-" "x" extra"#,
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a b HTTP/1.1" 200 10 "r" "x""#,  // four words
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET  HTTP/1.1" 200 10 "r" "x""#,  // empty path
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /\"q\" HTTP/1.1" 200 10 "r\\" "x""#,  // escapes
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 99 10 "r" "x""#,  // status < 100
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 0200 10 "r" "x""#,
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 99999999999999999999 "r" "x""#,
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 10 "r""#,  // one quoted field
            #"1.2.3.4 - - [bad time] "GET /a HTTP/1.1" 200 10 "r" "x""#,
            #"1.2.3.4 - -[17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 10"#,
            "", "   ", "\u{FEFF}1.2.3.4 - - [t] \"GET /ü HTTP/1.1\" 200 1",
        ]
        var bytes = Array(lines.joined(separator: "\r\n").utf8)
        bytes += [
            0x0A, 0x31, 0xFF, 0x20, 0x2D, 0x20, 0x2D, 0x20, 0x5B, 0x5D, 0x20, 0x22, 0xC3, 0x22, 0x20, 0x32, 0x30, 0x30,
            0x20, 0x31,
        ]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try await expectParity([path])
    }
}

@Suite struct LogsRunTests {
    @Test func partsReadAtOnceGiveTheSameSummaryAsOneReader() async throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("big.log").path
        // 30,000 lines (about 6 MB, with malformed lines): at least 1 MiB per part.
        #expect(try await gen(["make-log", "--lines", "30000", "--seed", "9", "-o", path]).status == 0)
        let one = try await gen(["logs", "--json", path])
        #expect(one.status == 0)
        for jobs in ["2", "3", "5"] {
            let many = try await gen(["logs", "--json", "--jobs", jobs, path])
            #expect(many.status == 0)
            #expect(try canonicalJSON(many.output) == canonicalJSON(one.output), "--jobs \(jobs)")
        }
    }

    @Test func ctrlCStopsTheReadingAndPrintsWhatWasReadMarkedPartial() async throws {
        let (status, data) = try await offThePool { try Self.interruptedRun() }
        #expect(status == 130)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["partial"] as? Bool == true)
        #expect(object["lines"] as? Int == 12_288)
    }

    /// Feeds `gen logs --json -` 10,000 lines, interrupts it, feeds more;
    /// its exit status and output (blocking).
    static func interruptedRun() throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = try genBinary()
        process.arguments = ["logs", "--json", "-"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let line = Data("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 10 \"-\" \"x\"\n".utf8)
        // 10,000 lines, then Ctrl-C while the input stays open, then more:
        // the reader looks for Ctrl-C every 4,096 lines, so it stops at 12,288.
        for _ in 0..<10_000 { input.fileHandleForWriting.write(line) }
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGINT)
        Thread.sleep(forTimeInterval: 0.5)
        // gen may be gone by then: no SIGPIPE for this process, an error to ignore.
        signal(SIGPIPE, SIG_IGN)
        for _ in 0..<5_000 { try? input.fileHandleForWriting.write(contentsOf: line) }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        return (process.terminationStatus, data)
    }
}

@Suite struct LogsFollowTests {
    @Test func followReprintsTheSummaryAsLinesArriveAndCtrlCEndsIt() async throws {
        let folder = try scratchFolder()
        let path = folder.appendingPathComponent("live.log").path
        #expect(try await gen(["make-log", "--lines", "100", "-o", path]).status == 0)
        let (status, data) = try await offThePool { try Self.followedRun(path: path) }
        #expect(status == 0)
        let counts = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["lines"] as? Int
        }
        #expect(counts.first == 100)
        #expect(counts.contains(150))
        #expect(counts.last == 180)
    }

    /// Follows the log at `path` while 50 lines are appended and the log is
    /// rotated, then interrupts; the exit status and output (blocking).
    static func followedRun(path: String) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = try genBinary()
        process.arguments = ["logs", "--follow", "--interval", "0.2", "--json", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        // 50 more lines, then a rotation with 30 lines in the new file.
        let more = try genBlocking(["make-log", "--lines", "50", "--seed", "2"]).output
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(more.utf8))
        try handle.close()
        Thread.sleep(forTimeInterval: 1)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        #expect(try genBlocking(["make-log", "--lines", "30", "--seed", "3", "-o", path]).status == 0)
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, SIGINT)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

@Suite struct MergeTests {
    /// A log cut into parts at random lines, each part summarized on its
    /// own from standard input (as a Spark partition is), merged in order:
    /// the same JSON as gen logs on the whole file, malformed lines included.
    @Test(arguments: [1, 2, 3])
    func thePartialsOfAnySplitMergeIntoTheWhole(seed: Int) async throws {
        let folder = try scratchFolder()
        let whole = folder.appendingPathComponent("whole.log").path
        #expect(
            try await gen(["make-log", "--lines", String(20_000 + seed * 3_333), "--seed", String(seed), "-o", whole])
                .status
                == 0
        )
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        ).dropLast()
        var generator = SplitMix(seed: UInt64(seed))
        var cuts = (0..<(2 + seed)).map { _ in Int(generator.next() % UInt64(lines.count)) } + [0, lines.count]
        cuts.sort()
        var partials = ""
        for (from, to) in zip(cuts, cuts.dropFirst()) {
            let part = lines[from..<to].map { $0 + "\n" }.joined()
            let run = try await gen(["logs", "--partial", "--name", whole, "-"], input: part)
            #expect(run.status == 0)
            partials += run.output
        }
        let partialsPath = folder.appendingPathComponent("partials").path
        try Data(partials.utf8).write(to: URL(fileURLWithPath: partialsPath))
        let merged = try await gen(["merge", "--json", partialsPath])
        #expect(merged.status == 0)
        let direct = try await gen(["logs", "--json", whole])
        #expect(try canonicalJSON(merged.output) == canonicalJSON(direct.output))
        // Standard input works too, and the text form names the source.
        let text = try await gen(["merge", "--top", "3"], input: partials)
        #expect(text.output.contains("access log summary: \(whole)"))
    }

    /// Bounded partials (`--max-keys`), alone or mixed with exact ones: every top count the
    /// merge reports holds the true count within its error, and the other figures stay exact.
    @Test func boundedPartialsReportTopCountsWithinTheirErrors() async throws {
        let folder = try scratchFolder()
        let whole = folder.appendingPathComponent("whole.log").path
        #expect(try await gen(["make-log", "--lines", "30000", "--seed", "8", "-o", whole]).status == 0)
        let lines = try String(contentsOfFile: whole, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0 + "\n" }
        var partials = ""
        var exactPartials = ""
        for (index, part) in stride(from: 0, to: lines.count, by: 7_500).map({
            lines[$0..<min($0 + 7_500, lines.count)]
        })
        .enumerated() {
            // The last part exact, the others bounded to their 30 most counted keys.
            let bounded = index < 3 ? ["--max-keys", "30"] : []
            let run = try await gen(["logs", "--partial"] + bounded + ["-"], input: part.joined())
            #expect(run.status == 0)
            partials += run.output
            exactPartials += try await gen(["logs", "--partial", "-"], input: part.joined()).output
        }
        #expect(partials.utf8.count < exactPartials.utf8.count / 2)
        let merged = try await gen(["merge", "--json", "--top", "20"], input: partials)
        #expect(merged.status == 0)
        let truth = try await gen(["logs", "--json", "--top", "100000", whole])
        let mergedObject = try #require(
            try JSONSerialization.jsonObject(with: Data(merged.output.utf8)) as? [String: Any]
        )
        let trueObject = try #require(try JSONSerialization.jsonObject(with: Data(truth.output.utf8)) as? [String: Any])
        for field in ["top_paths", "top_hosts", "top_referrers"] {
            let trueCounts = Dictionary(
                uniqueKeysWithValues: (trueObject[field] as? [[String: Any]] ?? []).map {
                    ($0["key"] as! String, $0["count"] as! Int)
                }
            )
            let entries = try #require(mergedObject[field] as? [[String: Any]])
            #expect(entries.count == 20)
            for entry in entries {
                let key = try #require(entry["key"] as? String)
                let count = try #require(entry["count"] as? Int)
                let error = try #require(entry["error"] as? Int)
                let truth = trueCounts[key, default: 0]
                #expect(
                    (count - error...count).contains(truth),
                    "\(field) \(key): \(truth) not in \(count - error)...\(count)"
                )
            }
            // The busiest key of a skewed log is found, with its exact count.
            let busiest = try #require((trueObject[field] as? [[String: Any]])?.first)
            #expect(entries.first?["key"] as? String == busiest["key"] as? String)
        }
        for key in ["lines", "requests", "bytes_sent", "malformed_lines", "statuses", "requests_per_hour"] {
            func canonical(_ object: [String: Any]) throws -> String {
                String(
                    decoding: try JSONSerialization.data(
                        withJSONObject: [key: object[key] ?? 0],
                        options: [.sortedKeys]
                    ),
                    as: UTF8.self
                )
            }
            #expect(try canonical(mergedObject) == canonical(trueObject))
        }
        // The text form says where the counts come from.
        #expect(try await gen(["merge"], input: partials).output.contains("(error ≤"))
    }

    @Test func maxKeysGoesWithPartial() async throws {
        let alone = try await gen(["logs", "--max-keys", "10", "-"], input: "")
        #expect(alone.status == 2 && alone.error.contains("--max-keys goes with --partial"))
        let zero = try await gen(["logs", "--partial", "--max-keys", "0", "-"], input: "")
        #expect(zero.status == 2 && zero.error.contains("--max-keys needs a count of at least 1"))
    }

    @Test func aPartialOfARunThatStoppedMakesTheMergePartial() async throws {
        let log = "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 200 1\nnot a record\n"
        let stopped = try await gen(["logs", "--partial", "--strict", "-"], input: log)
        #expect(stopped.status == 1)
        let whole = try await gen(["logs", "--partial", "-"], input: log)
        let merged = try await gen(["merge", "--json"], input: whole.output + stopped.output)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(merged.output.utf8)) as? [String: Any])
        #expect(object["partial"] as? Bool == true)
        #expect(object["requests"] as? Int == 2)
        let complete = try await gen(["merge", "--json"], input: whole.output)
        #expect(
            try #require(try JSONSerialization.jsonObject(with: Data(complete.output.utf8)) as? [String: Any])[
                "partial"
            ] as? Bool == false
        )
    }

    @Test func aLineThatIsNotAPartialIsAnErrorNamingItsPlace() async throws {
        let run = try await gen(["merge"], input: "{\"format\": \"gen-logs-partial/1\"}\n")
        #expect(run.status == 2)
        #expect(run.error.contains("-, line 1: not a partial summary"))
    }
}
