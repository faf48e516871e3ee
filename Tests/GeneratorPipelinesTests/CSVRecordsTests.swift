import Foundation
import GeneratorPipelines
import Testing
import _GeneratorsTestSupport

@Suite struct CSVRecordsTests {
    @Test(arguments: [
        ("a,b\n\nc", [["a", "b"], ["c"]]),  // a blank line is skipped
        ("\"ab\"c,d", [["abc", "d"]]),  // text after a closing quote is kept
        ("a\"b,c", [["a\"b", "c"]]),  // a quote inside an unquoted field too
        ("a,\"x\ny\",z\r\nq", [["a", "x\ny", "z"], ["q"]]),  // a line break in quotes
        ("a\rb", [["a"], ["b"]]),  // a lone \r ends a record
        (",\n", [["", ""]]),
        ("\"a\"\"b\"", [["a\"b"]]),  // "" is a quote
        ("x,\"a,b\",y\r\n", [["x", "a,b", "y"]]),
        ("\u{FEFF}é,ü\n", [["\u{FEFF}é", "ü"]]),
    ])
    func readsAsPythonsCSVReaderDoes(text: String, records: [[String]]) throws {
        #expect(Array(try CSVRecords(path: try temporaryFile(text))) == records)
    }

    @Test func aQuotedFieldNeverClosedIsMalformedNotARecord() throws {
        let path = try temporaryFile("a,b\nc,\"d\ne,f\n")
        let records = try CSVRecords(path: path)
        #expect(Array(records) == [["a", "b"]])
        #expect(records.malformedRecords == 1)
        #expect(records.malformedExamples.first?.lineNumber == 2)
        #expect(records.readError == nil)
        let strict = try CSVRecords(path: path, strict: true)
        _ = Array(strict)
        #expect(strict.readError == .malformedRecord(path: path, lineNumber: 2, line: "c,d\ne,f\n"))
    }

    @Test func recordsAcrossBlocksAndAnotherDelimiter() throws {
        var text = ""
        var expected: [[String]] = []
        for i in 0..<20_000 {
            let long = String(repeating: "x", count: i % 300)
            let fields = ["\(i)", "say \"hi\"; \(long)", "line\nbreak \(i)"]
            expected.append(fields)
            text += fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";")
            text += i % 2 == 0 ? "\r\n" : "\n"
        }
        let records = try CSVRecords(path: try temporaryFile(text), delimiter: ";")
        var iterator = records.makeIterator()
        var seen: [[String]] = []
        var lines: [Int] = []
        while let record = iterator.next() {
            seen.append(record)
            lines.append(iterator.lineNumber)
        }
        #expect(seen == expected)
        #expect(lines.prefix(3) == [1, 3, 5])  // each record spans two lines
    }

    @Test func stoppingEarlyClosesTheFile() throws {
        let path = try temporaryFile((0..<50_000).map { "\($0),x" }.joined(separator: "\n"))
        do {
            for record in try CSVRecords(path: path) where record[0] == "100" { break }
        }
        #expect(openDescriptors(to: path) == 0)
    }

    /// Random bytes from a CSV-heavy alphabet, read by CPython's csv module
    /// and by CSVRecords: the same records (blank ones aside).
    @Test(
        .enabled(
            if: (try? Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "command -v python3"])) != nil
        )
    )
    func randomInputsGiveTheRecordsPythonGives() throws {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("ab,\"\n\r é".unicodeScalars)
        let script = """
            import csv, json, sys
            for path in sys.argv[1:]:
                with open(path, newline='', encoding='utf-8') as f:
                    print(json.dumps([r for r in csv.reader(f) if r]))
            """
        var paths: [String] = []
        var ours: [[[String]]] = []
        var unterminated: [Bool] = []
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(generator.next() % 40) {
                text.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let path = try temporaryFile(text)
            paths.append(path)
            let records = try CSVRecords(path: path)
            ours.append(Array(records))
            unterminated.append(records.malformedRecords > 0)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let theirs = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode([[String]].self, from: Data($0.utf8))
        }
        #expect(theirs.count == ours.count)
        // A quoted field never closed: Python returns it as the last record,
        // CSVRecords counts it as malformed (on purpose).
        let expected = zip(theirs, unterminated).map { $1 ? Array($0.dropLast()) : $0 }
        #expect(unterminated.contains(true) && unterminated.contains(false))
        for (index, (a, b)) in zip(ours, expected).enumerated() where a != b {
            Issue.record("input \(index) (\(paths[index])): ours \(a), Python's \(b)")
        }
    }
}
