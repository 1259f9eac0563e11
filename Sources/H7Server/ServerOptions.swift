import Foundation
internal import H7Lint

/// How `h7lint server` checks: the same choices `h7lint check` offers.
public struct ServerOptions: Sendable {
    public var board: String?
    /// `stand-in` or `project` (as `check --headers`).
    public var headers: String
    /// nil: no parse cache.
    public var cacheDirectory: URL?
    /// Seconds between the last keystroke and the check of a changed buffer.
    public var debounce: Double = 0.2
    /// Projects whose last check is kept (hover, code actions, pull diagnostics).
    public var projectsKept = 8

    public init(board: String? = nil, headers: String = "stand-in", cacheDirectory: URL? = nil, debounce: Double = 0.2) {
        self.board = board
        self.headers = headers
        self.cacheDirectory = cacheDirectory
        self.debounce = debounce
    }
}
