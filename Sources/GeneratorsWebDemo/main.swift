// The web demo: generators as web content made on the fly.
//
//   swift run --traits Hummingbird generators-web-demo [--port 8080] [--interval 1]
//
// A page at http://127.0.0.1:8080 shows the seed's async generator (0 to 9, one a second)
// arriving over Server-Sent Events, a live count of the open streams, a chunked stream read
// piece by piece with fetch(), and a link to a 1 GB CSV streamed from a generator in
// constant memory.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if Hummingbird
    import GeneratorsHummingbird
    import Hummingbird

    let options = DemoOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let app = Application(
        router: demoRouter(interval: options.interval),
        configuration: .init(address: .hostname("127.0.0.1", port: options.port)),
        onServerRunning: { channel in
            say("listening on http://127.0.0.1:\(channel.localAddress?.port ?? options.port)")
        }
    )
    try await app.runService()
#else
    print(
        """
        The web demo needs the package trait Hummingbird:
            swift run --traits Hummingbird generators-web-demo
        """
    )
    exit(2)
#endif
