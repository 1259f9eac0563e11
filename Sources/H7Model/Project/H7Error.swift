/// An error that stops the check of one input (or the whole run). Its message is one line that
/// names the file and the problem; `kind` decides the exit code (all are 2 today, see README).
public struct H7Error: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case usage       // bad command line or configuration
        case input       // unreadable or malformed project input
        case `internal`  // a bug in h7lint
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func input(_ message: String) -> H7Error { H7Error(.input, message) }
    public static func usage(_ message: String) -> H7Error { H7Error(.usage, message) }

    public var description: String { message }
}
