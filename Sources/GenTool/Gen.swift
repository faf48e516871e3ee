import ArgumentParser
import Foundation

/// `gen`: generator pipelines at work on the command line.
@main
struct Gen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generator pipelines over large files, in constant memory.",
        subcommands: [Logs.self, Merge.self, MakeLog.self]
    )

    /// Runs the command; a usage error exits with 2 (ArgumentParser's
    /// default is 64), as unreadable files do.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
