import Generators

extension GeneratorStep {
    /// Whether this is `.exhausted` (for steps whose types are not
    /// `Equatable`, such as those returning `Void`).
    public var isExhausted: Bool {
        if case .exhausted = self { true } else { false }
    }
}
