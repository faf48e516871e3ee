#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The demo's command line: `[--port N] [--interval SECONDS]`.
struct DemoOptions {
    var port = 8080
    var interval = Duration.seconds(1)

    static func parse(_ arguments: [String]) -> DemoOptions {
        var options = DemoOptions()
        var index = 0
        func fail() -> Never {
            print("usage: generators-web-demo [--port N (0: any free port)] [--interval SECONDS]")
            exit(2)
        }
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--port":
                guard let port = value.flatMap(Int.init), (0...65535).contains(port) else { fail() }
                options.port = port
            case "--interval":
                guard let seconds = value.flatMap(Double.init), seconds >= 0 else { fail() }
                options.interval = .milliseconds(Int(seconds * 1000))
            default:
                fail()
            }
            index += 2
        }
        return options
    }
}

/// Prints a line at once, unbuffered, even into a pipe (the browser test reads the demo's
/// output while it runs).
func say(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        guard written > 0 else { return }
        offset += written
    }
}
