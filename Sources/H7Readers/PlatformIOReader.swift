import Foundation
import H7Model

/// Reads `platformio.ini`: one `BuildSettings` per `[env:NAME]` (`default_envs` first), with the defines and
/// include folders of `build_flags`, the board id, framework, `board_build.*` overrides and, when the project
/// keeps one, its own board manifest `boards/<id>.json` (`build.extra_flags`, `mcu`, `product_line`, `f_cpu`).
/// PlatformIO's own board manifests are not on disk: Rules/platformio-boards.yml maps their ids.
public enum PlatformIOReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let text = try InputFile.text(of: url, display: file.display)
        let ini = try PlatformIOIni(text: String(decoding: text, as: UTF8.self), display: file.display)
        let options = ini.section("platformio") ?? []
        func folder(_ key: String, _ fallback: String) -> String {
            let value = options.last { $0.key == key }?.value.text.trimmingWhitespace() ?? ""
            return PathText.resolve(value.isEmpty ? fallback : value, against: file.directory)
        }
        let boardsDir = folder("boards_dir", "boards")
        let includeDirs = [folder("include_dir", "include"), folder("src_dir", "src")]
        var manifests: [String: BoardManifest?] = [:]
        return try ini.environments.map { env in
            func value(_ key: String) -> String? {
                ini.value(env: env, key)?.text.trimmingWhitespaceAndNewlines().nilIfEmpty
            }
            let board = value("board")
            var manifest: BoardManifest?
            if let board {
                if let cached = manifests[board] { manifest = cached } else {
                    manifest = try BoardManifest.read(id: board, folder: boardsDir, file: file)
                    manifests[board] = manifest
                }
            }
            // Defines in the order the compiler sees them: the board's, the framework's, then build_flags.
            var tokens: [FlagToken] = manifest?.extraFlags ?? []
            for part in ini.value(env: env, "build_flags")?.parts ?? [] where !part.text.hasPrefix("!") {
                let words = (try? ShellWords.split(part.text)) ?? part.text.split(separator: " ").map(String.init)
                tokens += words.map { FlagToken(text: $0, line: part.line) }
            }
            let flags = CompilerFlags.scan(MakefileReader.shellWords(tokens))
            var defines = flags.defines
            let productLine = value("board_build.product_line") ?? manifest?.productLine
            if let productLine, !defines.contains(where: { $0.name == productLine }) {
                defines.insert(Define(name: productLine, file: manifest?.display), at: 0)
            }
            let framework = value("framework")
            if framework?.contains("stm32cube") == true, !defines.contains(where: { $0.name == "USE_HAL_DRIVER" }) {
                defines.append(Define(name: "USE_HAL_DRIVER"))
            }
            let fCPU = value("board_build.f_cpu") ?? manifest?.fCPU
            if let fCPU, !defines.contains(where: { $0.name == "F_CPU" }) { defines.append(Define(name: "F_CPU", value: fCPU)) }
            let mcu = value("board_build.mcu") ?? manifest?.mcu
            let cpu = value("board_build.cpu") ?? manifest?.cpu
            var core = CoreDetection.fromDefines(defines)
            if core == nil, cpu == "cortex-m4" || board.map({ $0.lowercased().hasSuffix("_m4") }) == true { core = .cm4 }
            var settings = BuildSettings(
                origin: .platformio, file: file.display, configuration: env, core: core, defines: defines,
                includePaths: flags.includes.map { PathText.resolve($0.text, against: file.directory) } + includeDirs,
                partName: mcu?.uppercased(), boardName: board)
            settings.framework = framework
            settings.variant = value("board_build.variant") ?? manifest?.variant
            settings.frameworkCore = value("board_build.core") ?? manifest?.core
            settings.boardManifest = manifest?.display
            settings.sourceFilter = value("build_src_filter") ?? value("src_filter")
            settings.excludedSources = settings.sourceFilter.map { SourceFilter($0).excluded(below: includeDirs[1]) } ?? []
            return settings
        }
    }
}

/// A project's own board manifest, `boards/<id>.json`: what PlatformIO reads from it for the build.
struct BoardManifest {
    var display: String
    var extraFlags: [FlagToken] = []
    var mcu: String?
    var cpu: String?
    var productLine: String?
    var fCPU: String?
    var variant: String?
    /// `build.core`: the Arduino core (`stm32`: stm32duino).
    var core: String?

    /// nil when the project has no manifest of that id (PlatformIO then uses its platform's own).
    static func read(id: String, folder: String, file: ProjectFile) throws -> BoardManifest? {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(id + ".json")
        ReadLog.note(url.path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let display = file.relative(url.path)
        let json: JSONValue
        do {
            json = try JSONText.parse(try InputFile.text(of: url, display: display))
        } catch let error as JSONText.Failure {
            throw H7Error.input("\(display): invalid JSON at line \(error.line): \(error.message)")
        }
        guard json.object != nil else { throw H7Error.input("\(display): expected a JSON object (a PlatformIO board manifest) at line \(json.line)") }
        var manifest = BoardManifest(display: display)
        guard let build = json["build"] else { return manifest }
        func string(_ key: String) throws -> String? {
            guard let value = build[key] else { return nil }
            if case .number(let text, _) = value { return text }
            guard let text = value.string else {
                throw H7Error.input("\(display): 'build.\(key)' must be a string at line \(value.line)")
            }
            return text
        }
        if let flags = build["extra_flags"] {
            // A string, or (as some manifests write it) a list of strings.
            let texts = try flags.array?.compactMap(\.string) ?? [string("extra_flags") ?? ""]
            for text in texts {
                let words = (try? ShellWords.split(text)) ?? text.split(separator: " ").map(String.init)
                manifest.extraFlags += words.map { FlagToken(text: $0, line: flags.line, file: display) }
            }
        }
        manifest.mcu = try string("mcu")
        manifest.cpu = try string("cpu")
        manifest.productLine = try string("product_line")
        manifest.fCPU = try string("f_cpu")
        manifest.variant = try string("variant")
        manifest.core = try string("core")
        return manifest
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
