#if Hummingbird
    import Foundation
    import Testing
    import _GeneratorsTestSupport

    /// Headless Chromium, where it is installed (`.ci/run` installs Debian's `chromium` and sets
    /// GENERATORS_REQUIRE_BROWSER=1, so there a missing browser fails the test).
    private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    private let browserRequired = ProcessInfo.processInfo.environment["GENERATORS_REQUIRE_BROWSER"] == "1"

    /// What the demo page saw, as it posts it to `/report`.
    private struct Report: Decodable {
        struct Seen: Decodable, Equatable {
            let id: String
            let data: String
        }
        let seen: [Seen]
        let opens: Int
        let pieces: [String]
    }

    @Suite(.serialized) struct DemoBrowserTests {
        /// The demo as a new user runs it, and a real browser on its page: the `EventSource`
        /// gets the seed's ten values in order, over four connections (the server ends each after
        /// three values; the browser reconnects with `Last-Event-ID` and the generator resumes
        /// after it), and a `fetch()` reader gets a chunked stream piece by piece (0.2 s apart).
        @Test(.enabled(if: chromium != nil || browserRequired), .timeLimit(.minutes(2)))
        func theDemoPageInHeadlessChromium() async throws {
            let browser = try #require(chromium, "chromium is not installed")
            let demo = try RunningProcess(
                try builtExecutable(named: "generators-web-demo").path,
                arguments: ["--port", "0"]
            )
            defer { demo.stop() }
            let listening = try await demo.line(startingWith: "listening on ")
            let address = String(listening.dropFirst("listening on ".count))

            let profile = FileManager.default.temporaryDirectory.appendingPathComponent("demo-chromium-\(UUID())")
            defer { try? FileManager.default.removeItem(at: profile) }
            let page = RunningProcess.quiet(
                browser,
                arguments: [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--user-data-dir=\(profile.path)", "\(address)/?test=1&per=3&interval=0.05",
                ]
            )
            defer { page?.terminate() }
            #expect(page != nil)

            let line = try await demo.line(startingWith: "report: ")
            let report = try JSONDecoder().decode(Report.self, from: Data(line.dropFirst("report: ".count).utf8))
            #expect(report.seen == (0..<10).map { Report.Seen(id: "\($0)", data: "\($0)") })
            #expect(report.opens == 4)
            // Five chunks 0.2 s apart: a loaded browser may read several at once, but a server that
            // sent the body at its end would give one piece.
            #expect(report.pieces.joined() == (0..<5).map { "chunk \($0)\n" }.joined())
            #expect(report.pieces.count >= 2)
            #expect(
                demo.lines.filter { $0.hasPrefix("seed: ") } == [
                    "seed: Last-Event-ID none", "seed: Last-Event-ID 2", "seed: Last-Event-ID 5",
                    "seed: Last-Event-ID 8",
                ]
            )
        }
    }

    /// A child process whose standard output is read line by line, as it comes.
    private final class RunningProcess: @unchecked Sendable {
        // Safety: `received` and `waiters` are only touched holding `lock`; `process` is
        // started in init and only signalled afterwards.
        private let process = Process()
        private let lock = NSLock()
        private var received: [String] = []
        private var finished = false
        private var waiters: [(prefix: String, continuation: CheckedContinuation<String?, Never>)] = []

        init(_ path: String, arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                var pending = Data()
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    pending.append(data)
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        pending.removeSubrange(...newline)
                        self.received(line)
                    }
                }
                self.received(nil)
            }
        }

        /// Starts a process whose output nobody reads; `nil` when it cannot start.
        static func quiet(_ path: String, arguments: [String]) -> Process? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return (try? process.run()) != nil ? process : nil
        }

        var lines: [String] { lock.withLock { received } }

        private func received(_ line: String?) {
            let ready = lock.withLock { () -> [(CheckedContinuation<String?, Never>, String?)] in
                guard let line else {
                    finished = true
                    defer { waiters = [] }
                    return waiters.map { ($0.continuation, nil) }
                }
                received.append(line)
                let matching = waiters.filter { line.hasPrefix($0.prefix) }
                waiters.removeAll { line.hasPrefix($0.prefix) }
                return matching.map { ($0.continuation, line) }
            }
            for (continuation, line) in ready { continuation.resume(returning: line) }
        }

        /// The first line that starts with `prefix`, once it is printed.
        func line(startingWith prefix: String) async throws -> String {
            let line = await withCheckedContinuation { continuation in
                let now = lock.withLock { () -> String?? in
                    if let line = received.first(where: { $0.hasPrefix(prefix) }) { return .some(line) }
                    if finished { return .some(nil) }
                    waiters.append((prefix, continuation))
                    return .none
                }
                if let now { continuation.resume(returning: now) }
            }
            guard let line else { throw CocoaError(.fileReadUnknown) }
            return line
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }
#endif
