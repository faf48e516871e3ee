import Generators

/// The errors a generated program raises: Python's `E1(id)`, `E2(id)`,
/// `E3(id)`, all subclasses of `Exception`.
package struct FuzzError: Error, Hashable, Sendable {
    package var kind: Int
    package var id: Int

    package init(kind: Int, id: Int) {
        self.kind = kind
        self.id = id
    }

    /// The error the driver throws in for `kind` (0: the close signal).
    package static func thrown(kind: Int, id: Int) -> any Error {
        kind == 0 ? GeneratorExit() : FuzzError(kind: kind, id: id)
    }

    /// An error's name in a trace: the same words the Python side prints
    /// for the exception it maps to (the spec's table of Swift errors).
    package static func traceName(_ error: any Error) -> String {
        switch error {
        case let error as FuzzError: return "E\(error.kind)(\(error.id))"
        case is GeneratorExit: return "GeneratorExit"
        case is CancellationError: return "Cancelled"
        case let error as GeneratorError:
            switch error {
            case .ignoredClose: return "IgnoredClose"
            case .sendToUnstarted: return "SendToUnstarted"
            case .alreadyExecuting: return "AlreadyExecuting"
            default: return "Other(\(error))"
            }
        default: return "Other(\(error))"
        }
    }

    /// Whether `except Exception` catches `error`: everything but the close
    /// signal and the cancellation, which derive from `BaseException`.
    package static func isException(_ error: any Error) -> Bool {
        !(error is GeneratorExit) && !(error is CancellationError)
    }

    /// Whether a handler of `catches` catches `error`.
    package static func matches(_ catches: FuzzCatch, _ error: any Error) -> Bool {
        switch catches {
        case .kinds(let kinds): (error as? FuzzError).map { kinds.contains($0.kind) } ?? false
        case .exception: isException(error)
        case .generatorExit: error is GeneratorExit
        case .all: true
        }
    }
}

/// `None` or the number, as the traces print values.
package func traceValue(_ value: Int?) -> String {
    value.map(String.init) ?? "None"
}
