/// Shrinks a program that shows a divergence to a small one that still
/// shows it: removes operations and statements, unwraps compound
/// statements and shortens loops, one step at a time, while the predicate
/// holds.
package enum ProgramShrinker {
    /// The smallest program found from `program` for which `fails` holds.
    ///
    /// - Parameter fails: Whether a candidate still shows the failure.
    ///   Called only with valid programs.
    package static func shrink(_ program: FuzzProgram, fails: (FuzzProgram) async -> Bool) async -> FuzzProgram {
        var current = program
        var improved = true
        while improved {
            improved = false
            for candidate in variants(of: current) where candidate.isValid {
                if await fails(candidate) {
                    current = candidate
                    improved = true
                    break
                }
            }
        }
        return current
    }

    /// Every program one step smaller than `program`.
    static func variants(of program: FuzzProgram) -> [FuzzProgram] {
        var result: [FuzzProgram] = []
        for index in program.operations.indices.reversed() {
            var smaller = program
            smaller.operations.remove(at: index)
            result.append(smaller)
        }
        for (index, body) in program.functions.enumerated() {
            for variant in variants(of: body) {
                var smaller = program
                smaller.functions[index] = variant
                result.append(smaller)
            }
        }
        return result
    }

    /// Every block one step smaller than `block`: a statement removed, a
    /// compound statement replaced by one of its blocks, or one of its
    /// blocks made smaller.
    static func variants(of block: [FuzzStatement]) -> [[FuzzStatement]] {
        var result: [[FuzzStatement]] = []
        for index in block.indices {
            var removed = block
            removed.remove(at: index)
            result.append(removed)
            for inner in innerBlocks(of: block[index]) {
                var spliced = block
                spliced.replaceSubrange(index...index, with: inner)
                result.append(spliced)
            }
            for smaller in variants(of: block[index]) {
                var replaced = block
                replaced[index] = smaller
                result.append(replaced)
            }
        }
        return result
    }

    private static func innerBlocks(of statement: FuzzStatement) -> [[FuzzStatement]] {
        switch statement {
        case .try(_, let body, let handlers, let final): [body] + handlers.map(\.body) + (final.map { [$0] } ?? [])
        case .loop(_, _, let body): [body]
        case .ifNone(_, let then, let otherwise): [then, otherwise]
        default: []
        }
    }

    private static func variants(of statement: FuzzStatement) -> [FuzzStatement] {
        var result: [FuzzStatement] = []
        switch statement {
        case .try(let id, let body, let handlers, let final):
            for smaller in variants(of: body) {
                result.append(.try(id: id, body: smaller, handlers: handlers, finally: final))
            }
            for index in handlers.indices {
                var fewer = handlers
                fewer.remove(at: index)
                if !fewer.isEmpty || final != nil {
                    result.append(.try(id: id, body: body, handlers: fewer, finally: final))
                }
                for smaller in variants(of: handlers[index].body) {
                    var changed = handlers
                    changed[index].body = smaller
                    result.append(.try(id: id, body: body, handlers: changed, finally: final))
                }
            }
            if let final {
                if !handlers.isEmpty { result.append(.try(id: id, body: body, handlers: handlers, finally: nil)) }
                for smaller in variants(of: final) {
                    result.append(.try(id: id, body: body, handlers: handlers, finally: smaller))
                }
            }
        case .loop(let id, let count, let body):
            if count > 0 { result.append(.loop(id: id, count: count - 1, body: body)) }
            for smaller in variants(of: body) { result.append(.loop(id: id, count: count, body: smaller)) }
        case .ifNone(let id, let then, let otherwise):
            for smaller in variants(of: then) { result.append(.ifNone(id: id, then: smaller, otherwise: otherwise)) }
            for smaller in variants(of: otherwise) { result.append(.ifNone(id: id, then: then, otherwise: smaller)) }
        default:
            break
        }
        return result
    }
}

extension FuzzProgram {
    /// Whether every statement is where the language allows it: `break` and
    /// `continue` in loops, a bare `raise` at the top of a handler's body,
    /// delegation to a later function, slots the driver has.
    package var isValid: Bool {
        let slots = slotCount
        func valid(_ block: [FuzzStatement], function: Int, inLoop: Bool, handlerTop: Bool) -> Bool {
            block.allSatisfy { statement in
                switch statement {
                case .break, .continue: return inLoop
                case .reraise: return handlerTop
                case .yieldFrom(_, let target): return target > function && target < functions.count && !isAsync
                case .resume(_, let slot), .state(_, let slot): return slot < slots
                case .pause: return isAsync
                case .try(_, let body, let handlers, let final):
                    return valid(body, function: function, inLoop: inLoop, handlerTop: false)
                        && handlers.allSatisfy { valid($0.body, function: function, inLoop: inLoop, handlerTop: true) }
                        && valid(final ?? [], function: function, inLoop: inLoop, handlerTop: false)
                case .loop(_, _, let body): return valid(body, function: function, inLoop: true, handlerTop: false)
                case .ifNone(_, let then, let otherwise):
                    return valid(then, function: function, inLoop: inLoop, handlerTop: false)
                        && valid(otherwise, function: function, inLoop: inLoop, handlerTop: false)
                case .log, .yield, .raise, .return: return true
                }
            }
        }
        let functionsValid = functions.indices.allSatisfy {
            valid(functions[$0], function: $0, inLoop: false, handlerTop: false)
        }
        let operationsValid = operations.allSatisfy { operation in
            switch operation {
            case .create(_, let function): return function < functions.count
            case .cancelledNext: return isAsync
            default: return true
            }
        }
        return functionsValid && operationsValid
    }
}
