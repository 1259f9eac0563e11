import Foundation
import H7LSP
import H7Model

/// The documents the editor has open, by file path; each one's text is also the file's overlay
/// (FileOverlay), so every check reads the unsaved buffer instead of the disk.
struct Documents {
    struct Open {
        var uri: String
        var version: Int?
        var text: DocumentText
    }

    private(set) var open: [String: Open] = [:]

    /// The file path of a `file:` URI (nil for other schemes).
    static func path(_ uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return FileOverlay.key(url.path)
    }

    static func uri(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }

    mutating func set(_ path: String, uri: String, version: Int?, text: DocumentText) {
        open[path] = Open(uri: uri, version: version, text: text)
        FileOverlay.set(path, Data(text.text.utf8))
    }

    mutating func close(_ path: String) {
        open[path] = nil
        FileOverlay.set(path, nil)
    }

    /// Drops every overlay (shutdown).
    mutating func closeAll() {
        for path in open.keys { FileOverlay.set(path, nil) }
        open = [:]
    }

    /// The text of a file as the checker sees it: the buffer, else the disk.
    static func text(_ path: String) -> String? {
        FileOverlay.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
