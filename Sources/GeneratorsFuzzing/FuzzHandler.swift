/// An `except` clause.
package struct FuzzHandler: Codable, Hashable, Sendable {
    package var catches: FuzzCatch
    package var body: [FuzzStatement]

    package init(catches: FuzzCatch, body: [FuzzStatement]) {
        self.catches = catches
        self.body = body
    }
}
