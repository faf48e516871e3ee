/// Compares CPython's trace of a program with the package's, line by line.
///
/// The traces must be identical except where the package departs from
/// Python on purpose: each such departure is one named ``Rule``, documented
/// in the guides, that explains a line that differs.
package enum TraceComparer {
    /// A documented, intended difference between CPython 3.11 and the package.
    package enum Rule: String, CaseIterable, Sendable {
        /// `close()` returns what the body returned after catching the close
        /// signal, as Python 3.13 does; CPython 3.11 returns `None`
        /// (SendThrowAndClose.md, spec 2.12). The oracle prints both, as
        /// `closed None (3.13: X)`, and the package must print `closed X`.
        case closeReturnsValue = "close-returns-value"
        /// A body that ignored the close signal where it could neither stay
        /// suspended nor end is abandoned, and its frames are never unwound:
        /// a generator finalized while it yields, or a delegate running
        /// inline that yields at its second close signal. CPython frees the
        /// frame instead (finalizing what it held) and, for the delegate,
        /// goes on in the delegator (GeneratorsForPythonProgrammers.md, "The
        /// close signal and catch-all handlers").
        case abandonedBody = "abandoned-body"
        /// `resume(throwing: GeneratorExit())` into a generator inside
        /// `yield(from:)` reaches the delegate as an ordinary error; Python
        /// closes the delegate and raises `GeneratorExit` in the delegator
        /// (GeneratorsForPythonProgrammers.md, "Where Swift differs", spec 4.8).
        case throwGeneratorExitForwarded = "throw-generator-exit-forwarded"
        /// `resume(throwing:)` on an async generator that has ended throws
        /// the error, as the sync one does; CPython 3.11's `athrow` returns
        /// `None` there (spec 8.4, AsyncGenerators.md).
        case athrowOnClosedRaises = "athrow-on-closed-raises"
        /// Cancelling the consumer cancels the body's task, and a task stays
        /// cancelled: every later cancellation-aware `await` in the body
        /// throws again, where Python delivers `CancelledError` once
        /// (AsyncGenerators.md, "Cancellation").
        case cancellationIsSticky = "cancellation-is-sticky"
        /// A consumer whose task is cancelled delivers `CancellationError`
        /// at the paused `yield` of the generator it resumes, instead of
        /// resuming it; Python's `anext` resumes the body, and the
        /// cancellation lands at its next `await` (AsyncGenerators.md,
        /// "Cancellation", spec 8.12).
        case cancellationAtYield = "cancellation-at-yield"
        /// An async generator that ignored a close can be thrown into and
        /// closed again, as a sync one can (spec 2.13); once `aclose()` was
        /// called, CPython 3.11's `athrow()` and `aclose()` raise
        /// `StopAsyncIteration` without resuming it (its `ag_closed` flag),
        /// so it can never be closed (AsyncGenerators.md).
        case closeAfterIgnoredClose = "close-after-ignored-close"

        /// The line the package's trace carries where it takes this
        /// departure (rules that explain a single line have none).
        package var annotation: String { "~ " + rawValue }
    }

    /// The outcome of a comparison.
    package enum Verdict: Equatable, Sendable {
        /// Every line is the same.
        case identical
        /// The lines that differ are all explained by these rules (in order of use).
        case explained([Rule])
        /// The first line that differs and is not explained (`nil`: that trace ended).
        case divergent(line: Int, python: String?, swift: String?)

        package var isDivergent: Bool {
            if case .divergent = self { true } else { false }
        }
    }

    /// Compares two traces.
    ///
    /// Lines of the package's trace that start with `~ ` are annotations: the
    /// interpreter marks where the package took a departure that changes
    /// everything after it (``Rule/abandonedBody``,
    /// ``Rule/throwGeneratorExitForwarded``). They are not compared; a
    /// difference after one is explained by it, and the comparison ends.
    package static func compare(python: [String], swift: [String]) -> Verdict {
        var used: [Rule] = []
        var departure: Rule?
        var left = 0
        var right = 0
        while left < python.count || right < swift.count {
            if right < swift.count, swift[right].hasPrefix("~ ") {
                departure = Rule.allCases.first { $0.annotation == swift[right] } ?? departure
                right += 1
                continue
            }
            let pythonLine = left < python.count ? python[left] : nil
            let swiftLine = right < swift.count ? swift[right] : nil
            defer {
                left += 1
                right += 1
            }
            if pythonLine == swiftLine { continue }
            if let pythonLine, let swiftLine, let rule = explanation(python: pythonLine, swift: swiftLine) {
                used.append(rule)
                continue
            }
            if let departure = departure ?? pendingDeparture(swift[min(right, swift.count)...]) {
                used.append(departure)
                break
            }
            return .divergent(line: left, python: pythonLine, swift: swiftLine)
        }
        return used.isEmpty ? .identical : .explained(used)
    }

    /// The rule that explains why line `index` differs, if one does.
    static func explanation(python: String, swift: String) -> Rule? {
        // close-returns-value: `… -> closed None (3.13: X)` (the oracle notes what the body
        // returned) against `… -> closed X`.
        if let open = python.firstRange(of: " -> closed None (3.13: "), python.hasSuffix(")") {
            let label = python[..<open.lowerBound]
            let value = python[open.upperBound...].dropLast()
            if swift == label + " -> closed " + value { return .closeReturnsValue }
        }
        // athrow-on-closed-raises: `op N throw gK E -> yield None (3.11: …)` against
        // `op N throw gK E -> raise E`.
        if let label = python.firstRange(of: " -> yield None (3.11: athrow on a closed generator)")
            .map({ python[..<$0.lowerBound] }), label.contains(" throw "),
            let thrown = label.split(separator: " ").last, swift == label + " -> raise " + thrown
        {
            return .athrowOnClosedRaises
        }
        return nil
    }

    /// The departure the package's trace takes right after the errors
    /// reported with it (an abandoned body is reported first, then marked).
    static func pendingDeparture(_ rest: ArraySlice<String>) -> Rule? {
        guard let next = rest.first(where: { !$0.hasPrefix("unraisable ") }) else { return nil }
        return Rule.allCases.first { $0.annotation == next }
    }
}
