#if Hummingbird
    import Hummingbird
    import Logging
    import ServiceLifecycle

    /// Runs `router` on 127.0.0.1 on a free port for the length of `body`, then shuts the
    /// server down gracefully.
    func withTestServer<Result: Sendable>(
        _ router: Router<BasicRequestContext>,
        _ body: @Sendable (_ port: Int, _ server: ServiceGroup) async throws -> Result
    ) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let server = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            do {
                let result = try await body(port, server)
                await server.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
#endif
