/// A preprocessor define as a build file states it (`-DNAME`, `-DNAME=VALUE`, `<state>NAME</state>` ...).
public struct Define: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    /// 1-based line in the build file where it is stated, when the format has lines.
    public var line: Int?
    /// The file that states it (relative to the project root) when that is not the settings' own
    /// `file`, e.g. the root CMakeLists.txt next to `cmake/stm32cubemx/CMakeLists.txt`.
    public var file: String?

    public init(name: String, value: String? = nil, line: Int? = nil, file: String? = nil) {
        self.name = name
        self.value = value
        self.line = line
        self.file = file
    }

    /// Parses `NAME` or `NAME=VALUE` (the text after `-D`).
    public init?(parsing text: String, line: Int? = nil) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if let eq = trimmed.firstIndex(of: "=") {
            let name = String(trimmed[..<eq])
            guard !name.isEmpty else { return nil }
            self.init(name: name, value: String(trimmed[trimmed.index(after: eq)...]), line: line)
        } else {
            self.init(name: trimmed, value: nil, line: line)
        }
    }
}

/// The compile settings one build file gives for one configuration (and core, where it says).
/// Read as text, never by running the build.
public struct BuildSettings: Codable, Hashable, Sendable {
    /// Which kind of file this came from.
    public enum Origin: String, Codable, Sendable {
        case compileCommands = "compile_commands.json"
        case makefile = "Makefile"
        case cmake = "CMake"
        case cproject = "STM32CubeIDE .cproject"
        case ewp = "EWARM .ewp"
        case uvprojx = "MDK-ARM .uvprojx"
        case mxproject = ".mxproject"
        case subdirMk = "CubeIDE subdir.mk"
        case platformio = "PlatformIO platformio.ini"
    }

    public var origin: Origin
    /// The build file, relative to the project root.
    public var file: String
    /// Build configuration or target name (`Debug`, `Release`, `NUCLEO-H743ZI`), when the format has one.
    public var configuration: String?
    /// The core this configuration builds for, when the file says (CORE_CM7 define, `:CM7` device, CM7/ folder).
    public var core: Core?
    /// C compiler defines, in the order stated.
    public var defines: [Define]
    /// Include folders, absolute and standardized.
    public var includePaths: [String]
    /// C sources this configuration compiles, absolute, when the format lists them (compile_commands, CMake).
    public var sources: [String]
    /// The part the file names, e.g. `STM32H745ZITx` (`.cproject` target_mcu, `.uvprojx` <Device>), when stated.
    public var partName: String?
    /// The board the file names (`.cproject` target_board, PlatformIO `board =`), when stated.
    public var boardName: String?
    /// PlatformIO: `framework =` (`stm32cube`, `arduino`, ...).
    public var framework: String?
    /// PlatformIO: the Arduino core's variant folder (`board_build.variant` or the project's board manifest).
    public var variant: String?
    /// PlatformIO: the Arduino core the board names (`board_build.core`, the manifest's `build.core`: `stm32`, `arduino`).
    public var frameworkCore: String?
    /// PlatformIO: the project's own board manifest (`boards/<id>.json`), relative, when it has one.
    public var boardManifest: String?
    /// PlatformIO: `build_src_filter` as written (`+<*> -<cm4/>`).
    public var sourceFilter: String?
    /// C and C++ files of the project the configuration does not compile (PlatformIO's filter), absolute.
    public var excludedSources: [String] = []

    public init(origin: Origin, file: String, configuration: String? = nil, core: Core? = nil,
                defines: [Define] = [], includePaths: [String] = [], sources: [String] = [],
                partName: String? = nil, boardName: String? = nil) {
        self.origin = origin
        self.file = file
        self.configuration = configuration
        self.core = core
        self.defines = defines
        self.includePaths = includePaths
        self.sources = sources
        self.partName = partName
        self.boardName = boardName
    }

    public func define(named name: String) -> Define? { defines.first { $0.name == name } }
    public var defineNames: [String] { defines.map(\.name) }
}

import Foundation
