/// What an `except` clause catches.
package enum FuzzCatch: Codable, Hashable, Sendable {
    /// `except (E<k>, …)`.
    case kinds([Int])
    /// `except Exception`: every error but the close signal (and, async,
    /// the cancellation).
    case exception
    /// `except GeneratorExit`.
    case generatorExit
    /// `except BaseException`: everything, the close signal too.
    case all
}
