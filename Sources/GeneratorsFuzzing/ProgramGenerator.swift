/// Draws random ``FuzzProgram``s from a seed: the same seed gives the same
/// program on every machine.
package struct ProgramGenerator {
    private var random: SplitMix64
    private var nextID = 1
    private let isAsync: Bool
    private var functionCount = 0
    private var slotCount = 0

    /// A generator for program number `seed` (sync or async).
    package init(seed: UInt64, isAsync: Bool = false) {
        self.random = SplitMix64(seed: seed)
        self.isAsync = isAsync
    }

    /// Draws a program.
    package mutating func program() -> FuzzProgram {
        nextID = 1
        // Mostly several functions, so that delegation (to a later one) is common.
        functionCount = chance(20) ? 1 : 2 + below(2)
        slotCount = 1 + below(3)
        var functions: [[FuzzStatement]] = []
        for index in 0..<functionCount {
            functions.append(block(function: index, depth: 0, inLoop: false, inHandler: false, length: 2 + below(5)))
        }
        var operations: [FuzzOperation] = []
        for slot in 0..<slotCount { operations.append(.create(slot: slot, function: below(functionCount))) }
        let count = 3 + below(12)
        for _ in 0..<count { operations.append(operation()) }
        return FuzzProgram(functions: functions, operations: operations, isAsync: isAsync)
    }

    // MARK: - Drawing

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func id() -> Int {
        defer { nextID += 1 }
        return nextID
    }
    private mutating func value() -> Int? { chance(15) ? nil : below(100) }

    private mutating func operation() -> FuzzOperation {
        let slot = below(slotCount)
        let roll = below(100)
        switch roll {
        case ..<38: return .next(slot: slot)
        case ..<53: return .send(slot: slot, value: 100 + below(900))
        case ..<68: return .throw(slot: slot, kind: chance(12) ? 0 : 1 + below(3), id: 1000 + below(9000))
        case ..<78: return .close(slot: slot)
        // An async generator that is dropped is closed in the background (by asyncio's
        // finalizer hook in Python, by its own task here): neither side says when, so async
        // programs keep every generator until the driver closes it at the end.
        case ..<84 where !isAsync: return .drop(slot: slot)
        case ..<88: return .state(slot: slot)
        case ..<98 where isAsync: return .cancelledNext(slot: slot, pause: 1 + below(2))
        case _ where isAsync: return .next(slot: slot)
        default: return .create(slot: slot, function: below(functionCount))
        }
    }

    private mutating func block(function: Int, depth: Int, inLoop: Bool, inHandler: Bool, length: Int)
        -> [FuzzStatement]
    {
        var statements: [FuzzStatement] = []
        for _ in 0..<length {
            statements.append(
                statement(function: function, depth: depth, inLoop: inLoop, atHandlerTop: inHandler)
            )
        }
        return statements
    }

    private mutating func statement(function: Int, depth: Int, inLoop: Bool, atHandlerTop: Bool) -> FuzzStatement {
        let nested = depth < 3
        // Async bodies await often: where a cancelled consumer's cancellation lands.
        if isAsync, chance(15) { return .pause(id: id()) }
        while true {
            let roll = below(100)
            switch roll {
            case ..<8: return .log(id: id())
            case ..<36: return .yield(id: id(), value: value())
            case ..<45 where !isAsync && function + 1 < functionCount:
                return .yieldFrom(id: id(), function: function + 1 + below(functionCount - function - 1))
            case ..<50: return .raise(id: id(), kind: 1 + below(3))
            case ..<53 where atHandlerTop: return .reraise(id: id())
            case ..<57: return .return(id: id(), value: isAsync || chance(40) ? nil : below(100))
            case ..<73 where nested:
                let tryID = id()
                let body = block(
                    function: function,
                    depth: depth + 1,
                    inLoop: inLoop,
                    inHandler: false,
                    length: 1 + below(3)
                )
                var handlers: [FuzzHandler] = []
                for _ in 0..<below(3) {
                    let catches: FuzzCatch
                    switch below(10) {
                    case 0..<6:
                        catches = .kinds(
                            chance(70) ? [1 + below(3)] : [1, 2, 3].filter { _ in chance(60) } + [1 + below(3)]
                        )
                    case 6..<8: catches = .exception
                    case 8: catches = .all
                    default: catches = .generatorExit
                    }
                    handlers.append(
                        FuzzHandler(
                            catches: catches,
                            body: block(
                                function: function,
                                depth: depth + 1,
                                inLoop: inLoop,
                                inHandler: true,
                                length: below(3)
                            )
                        )
                    )
                }
                let final: [FuzzStatement]? =
                    handlers.isEmpty || chance(50)
                    ? block(function: function, depth: depth + 1, inLoop: inLoop, inHandler: false, length: below(3))
                    : nil
                return .try(id: tryID, body: body, handlers: handlers, finally: final)
            case ..<80 where nested:
                let loopID = id()
                return .loop(
                    id: loopID,
                    count: below(4),
                    body: block(
                        function: function,
                        depth: depth + 1,
                        inLoop: true,
                        inHandler: false,
                        length: 1 + below(3)
                    )
                )
            case ..<84 where inLoop: return chance(50) ? .break(id: id()) : .continue(id: id())
            case ..<88 where nested:
                let ifID = id()
                return .ifNone(
                    id: ifID,
                    then: block(
                        function: function,
                        depth: depth + 1,
                        inLoop: inLoop,
                        inHandler: false,
                        length: below(3)
                    ),
                    otherwise: block(
                        function: function,
                        depth: depth + 1,
                        inLoop: inLoop,
                        inHandler: false,
                        length: below(3)
                    )
                )
            case ..<91: return .resume(id: id(), slot: below(slotCount))
            case ..<93: return .state(id: id(), slot: below(slotCount))
            case ..<100 where isAsync: return .pause(id: id())
            default: continue
            }
        }
    }
}
