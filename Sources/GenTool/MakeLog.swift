import ArgumentParser
import Foundation

/// `gen make-log`: a deterministic, realistic access log, for tests and
/// benchmarks.
struct MakeLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-log",
        abstract: "Write a realistic access log (Combined Log Format), the same for the same seed.",
        discussion: """
            Hosts, paths and referrers are drawn with a skew (a few hot keys, a long tail) from \
            pools of --key-pool entries each. By default the pool grows as lines^0.6 (Heaps' law), \
            calibrated on a real server's log: at 10,000 lines about 1,500 distinct hosts and \
            paths, at 5,000,000 (a gigabyte) about 60,000. Statuses, methods, \
            sizes and user agents follow a busy site's mix, and times advance about 20 requests a \
            second from 1 March 2026. About one line in 5,000 is not a record: cut short, an empty \
            line, binary bytes (a TLS handshake on the plain port, invalid UTF-8), a bad status.

            Examples:
              gen make-log --lines 1000 > small.log
              gen make-log --lines 5000000 --seed 7 --gzip --output big.log.gz
              gen make-log --lines 5000000 --key-pool 1000 --output bounded.log
            """
    )

    @Option(help: "How many lines to write.")
    var lines = 10_000

    @Option(help: "The random seed: the same seed writes the same log.")
    var seed: UInt64 = 1

    @Option(help: "Distinct hosts, paths and referrers to draw from (default: 6 × lines^0.6, at least 200).")
    var keyPool: Int?

    @Flag(help: "Compress the output with gzip.")
    var gzip = false

    @Flag(
        help: """
            Write valid UTF-8 only: the TLS handshake lines get '?' for their invalid bytes (for text-only \
            stages, such as Spark's textFile, which would replace them with U+FFFD).
            """
    )
    var utf8 = false

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines needs a count of at least 0") }
        if let keyPool, keyPool < 1 { throw ValidationError("--key-pool needs at least 1") }
    }

    func run() throws {
        let descriptor: Int32
        if let output {
            descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                printError("gen make-log: cannot write \(output): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        } else {
            descriptor = STDOUT_FILENO
        }
        defer { if output != nil { close(descriptor) } }
        let sink = try OutputSink(descriptor: descriptor, gzip: gzip)
        var maker = LogMaker(seed: seed, keyPool: keyPool ?? max(200, Int(6 * pow(Double(lines), 0.6))))
        maker.validUTF8Only = utf8
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 4096)
        for _ in 0..<lines {
            maker.appendLine(to: &buffer)
            if buffer.count >= 1 << 20 {
                try sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(buffer)
        try sink.finish()
    }
}

/// The log's content: a seeded SplitMix64 stream decides everything.
struct LogMaker {
    private var state: UInt64
    private let keyPool: Int
    private let seed: UInt64
    /// Milliseconds since 1 March 2026, 00:00:00 UTC.
    private var clock: UInt64 = 0
    /// Whether bytes that are not UTF-8 are written as `?` (the same draws either way).
    var validUTF8Only = false

    init(seed: UInt64, keyPool: Int) {
        self.seed = seed
        self.state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678
        self.keyPool = keyPool
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in 0..<1.
    private mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    private mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// An index into the key pool, small ones far more often (a few hot
    /// keys and a long tail, as real traffic has).
    private mutating func skewed() -> Int {
        let u = unit()
        return min(keyPool - 1, Int(Double(keyPool) * u * u * u))
    }

    /// A fixed pseudo-random number for key `index` of kind `kind`.
    private func mix(_ index: Int, _ kind: UInt64) -> UInt64 {
        var z = UInt64(index) &+ kind &* 0x9E37_79B9_7F4A_7C15 &+ seed
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let agents = [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.31.0",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    ]

    private func host(_ index: Int) -> String {
        let bits = mix(index, 1)
        return "\(1 + bits % 223).\((bits >> 8) % 256).\((bits >> 16) % 256).\(1 + (bits >> 24) % 254)"
    }

    private func path(_ index: Int) -> String {
        let id = mix(index, 2) % 100_000
        switch index % 8 {
        case 0: return index == 0 ? "/" : "/index.html?v=\(id)"
        case 1: return "/blog/post-\(id)/"
        case 2: return "/api/v1/items?id=\(id)&page=\(index % 5)"
        case 3: return "/static/app.\(String(id, radix: 16)).js"
        case 4: return "/images/photo-\(id).jpg"
        case 5: return "/docs/pipelines/section-\(id % 50).html"
        case 6: return "/search?q=generators+\(id)"
        default: return "/downloads/swift-generators-\(id % 20).\(id % 10).tar.gz"
        }
    }

    private func referrer(_ index: Int) -> String {
        let id = mix(index, 3) % 100_000
        switch index % 4 {
        case 0: return "https://www.google.com/"
        case 1: return "https://www.bing.com/search?q=swift+\(id)"
        case 2: return "https://example.org/blog/post-\(id)/"
        default: return "https://news.example.com/item?id=\(id)"
        }
    }

    private func time() -> String {
        // Days from 1 March 2026; March, April, May... (days per month).
        let seconds = clock / 1000
        var day = Int(seconds / 86_400)
        var month = 2
        var year = 2026
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        while day >= lengths[month] + (month == 1 && year % 4 == 0 ? 1 : 0) {
            day -= lengths[month] + (month == 1 && year % 4 == 0 ? 1 : 0)
            month += 1
            if month == 12 {
                month = 0
                year += 1
            }
        }
        let rest = Int(seconds % 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(two(day + 1))/\(Self.months[month])/\(year):\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) +0000"
    }

    mutating func appendLine(to buffer: inout [UInt8]) {
        clock += UInt64(below(100))
        let malformed = below(5000) == 0
        if malformed {
            switch below(4) {
            case 0: return buffer.append(0x0A)  // an empty line
            case 1:  // A TLS handshake on the plain-text port.
                let question: UInt8 = 0x3F
                buffer += [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03, 0xC0, 0xFF, 0x0A].map {
                    validUTF8Only && $0 >= 0x80 ? question : $0
                }
                return
            default: break
            }
        }
        let roll = below(1000)
        let status =
            switch roll {
            case 0..<820: 200
            case 820..<880: 304
            case 880..<930: 404
            case 930..<960: 301
            case 960..<980: 302
            case 980..<990: 206
            case 990..<995: 403
            default: 500
            }
        let method = below(100) < 90 ? "GET" : (below(10) < 7 ? "POST" : "HEAD")
        let size = status == 304 ? "-" : String(200 + Int(unit() * unit() * 200_000))
        let referrerText = below(100) < 45 ? "-" : referrer(skewed())
        var line =
            "\(host(skewed())) - - [\(time())] \"\(method) \(path(skewed())) HTTP/1.1\" \(status) \(size) \"\(referrerText)\" \"\(Self.agents[below(Self.agents.count)])\""
        if malformed {
            if below(2) == 0 {
                line = String(line.prefix(20 + below(60)))  // cut short
            } else {
                line = line.replacingOccurrences(of: "\" \(status) ", with: "\" 2OO ")  // a bad status
            }
        }
        buffer += line.utf8
        buffer.append(0x0A)
    }
}
