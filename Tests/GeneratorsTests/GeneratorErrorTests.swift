import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct GeneratorErrorTests {
    @Test func messagesNameTheRefusedOperationAndTheKindOfGenerator() {
        let sync = "\(GeneratorError.alreadyExecuting(.send))"
        #expect(sync.hasPrefix("send(_:): generator already executing"))
        let async = "\(GeneratorError.alreadyExecuting(.close, isAsync: true))"
        #expect(async.hasPrefix("close(): async generator is already running"))
        #expect(
            "\(GeneratorError.ignoredClose(.finalization))"
                == "finalization (the last reference went away): generator ignored GeneratorExit: "
                + "its body yielded while being closed"
        )
        #expect("\(GeneratorError.ignoredClose(.close, isAsync: true))".contains("close(): async generator ignored"))
        #expect("\(GeneratorError.delegateAlreadyFinished)".contains("already finished"))
        #expect("\(GeneratorError.sendToNonGenerator)".contains("only a generator receives sent values"))
    }

    @Test func aCaseMatchesWhateverItsDetails() {
        let errors: [any Error] = [
            GeneratorError.alreadyExecuting(.next), GeneratorError.alreadyExecuting(.close, isAsync: true),
        ]
        for error in errors {
            guard case GeneratorError.alreadyExecuting = error else {
                Issue.record("\(error) did not match")
                continue
            }
        }
        #expect(GeneratorError.ignoredClose() == .ignoredClose(.close, isAsync: false))
        #expect(GeneratorError.ignoredClose(.close) != .ignoredClose(.finalization))
    }

    @Test func theErrorsThatReachTheConsumerSayWhatWasRefused() async throws {
        // Sync: resumed from inside its own body.
        let box = Box<Coroutine<Int, Int, Void, any Error>>()
        let log = EventLog()
        let g = Coroutine<Int, Int, Void, any Error> { g in
            do { _ = try box.value?.resume(throwing: TestError("x")) } catch { log.record("\(error)") }
            try g.yield(1)
        }
        box.value = g
        #expect(try g.next() == 1)
        #expect(log.events.first?.hasPrefix("resume(throwing:): generator already executing") == true)
        // Async: a second operation while one is in progress.
        let gate = AsyncEventLog()
        let a = AsyncGenerator<Int> { g in
            await gate.waitFor("go")
            try await g.yield(1)
        }
        async let first = a.next()
        while a.state != .running { await Task.yield() }
        await #expect(throws: GeneratorError.alreadyExecuting(.send, isAsync: true)) { try await a.send(()) }
        gate.record("go")
        #expect(try await first == 1)
    }
}
