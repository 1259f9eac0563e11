import Foundation
import H7Model

/// A reader for one kind of build file. `read` returns one `BuildSettings` per configuration, target
/// or core the file describes; malformed or unreadable input throws a one-line `H7Error.input`.
public protocol BuildFileReader {
    static func read(url: URL, projectRoot: URL) throws -> [BuildSettings]
}

/// Picks the reader for a build file by its name.
public enum BuildFileReaders {
    /// `Makefile`, `CMakeLists.txt`, `.cproject`, `*.ewp`, `*.uvprojx`, `.mxproject`,
    /// `compile_commands.json`, `subdir.mk`, `platformio.ini`; nil for anything else.
    public static func reader(for url: URL) -> (any BuildFileReader.Type)? {
        let name = url.lastPathComponent
        switch name {
        case "Makefile": return MakefileReader.self
        case "CMakeLists.txt": return CMakeReader.self
        case ".cproject": return CProjectReader.self
        case ".mxproject": return MxprojectReader.self
        case "compile_commands.json": return CompileCommandsReader.self
        case "subdir.mk": return SubdirMkReader.self
        case "platformio.ini": return PlatformIOReader.self
        default: break
        }
        switch url.pathExtension.lowercased() {
        case "ewp": return EwpReader.self
        case "uvprojx": return UvprojxReader.self
        default: return nil
        }
    }

    /// Reads `url` with the matching reader; nil when no reader handles that name.
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings]? {
        guard let reader = reader(for: url) else { return nil }
        return try reader.read(url: url, projectRoot: projectRoot)
    }
}
