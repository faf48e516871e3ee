/// The elements of `data` whose selector is `true`, stopping at the end of
/// the shorter sequence (Python's `itertools.compress`).
///
/// ```swift
/// print(String(compress("ABCDEF", selectors: [true, false, true, false, true, true])))   // ACEF
/// ```
///
/// - Complexity: O(1) to create; reads one element of each sequence per
///   step.
@inlinable
public func compress<Data: Sequence, Selectors: Sequence<Bool>>(
    _ data: Data,
    selectors: Selectors
) -> LazyMapSequence<LazyFilterSequence<Zip2Sequence<Data, Selectors>>, Data.Element> {
    zip(data, selectors).lazy.filter(\.1).map(\.0)
}
