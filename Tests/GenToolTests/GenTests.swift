import Foundation
import Testing

/// Runs the `gen` built beside the tests; returns its exit code, standard
/// output and standard error.
func gen(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String, error: String) {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("gen") }
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = binary
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

@Suite struct GenTests {
    @Test func logsWithoutFilesSummarizesTheBuiltInSample() throws {
        let run = try gen(["logs"])
        #expect(run.status == 0)
        #expect(run.output.contains("access log summary: (built-in sample)"))
        #expect(run.output.contains("requests         400"))
        #expect(run.output.contains("malformed lines  3"))
        #expect(run.output.contains("top paths"))
    }

    @Test func logsPrintsJSONAndReadsStandardInput() throws {
        let log = """
            1.2.3.4 - - [t] "GET /a HTTP/1.1" 200 10 "-" "x"
            1.2.3.4 - - [t] "GET /b HTTP/1.1" 404 5 "https://r/" "x"
            not a record
            """
        let run = try gen(["logs", "--json", "--top", "1", "-"], input: log)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["requests"] as? Int == 2)
        #expect(object["bytes_sent"] as? Int == 15)
        #expect(object["malformed_lines"] as? Int == 1)
        #expect((object["statuses"] as? [String: Int]) == ["200": 1, "404": 1])
        #expect((object["top_paths"] as? [[String: Any]])?.count == 1)
    }

    @Test func anUnreadableFileExitsWithTwoNamingIt() throws {
        let run = try gen(["logs", "/no/such/log"])
        #expect(run.status == 2)
        #expect(run.error.contains("cannot open /no/such/log"))
    }

    @Test func aBadOptionIsAUsageErrorWithExitCodeTwo() throws {
        let run = try gen(["logs", "--top", "-3"])
        #expect(run.status == 2)
        #expect(run.error.contains("--top"))
    }
}
