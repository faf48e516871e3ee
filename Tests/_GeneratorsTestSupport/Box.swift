/// A mutable reference to a value, for bodies that need to see the
/// generator they belong to (through a reference the test clears).
public final class Box<Value: AnyObject> {
    public weak var value: Value?

    public init(_ value: Value? = nil) {
        self.value = value
    }
}
