import Foundation
import H7Image
import H7Model
import H7Rules

/// `h7lint image`: each image's reset path emulated, its register writes judged by the same rules as sources.
public struct ImageChecker: Sendable {
    public let knowledge: Knowledge
    public var part: String?
    public var board: String?
    /// The board of the project the image was built from (`check --image`), instead of `board`.
    public var projectBoard: (board: Board, origin: String)?
    /// `cm7` / `cm4`: the core an image runs on (default: from `.ARM.attributes`).
    public var core: Core?
    public var format: FirmwareImage.Format?
    public var loadAddress: UInt32?
    public var options = Emulator.Options()
    public var selection: RuleSelection?
    /// What the image's project selects in its sources (`check --image`): H7-META-006 compares the image with it.
    public var builtFrom: ImageSources?

    public init(knowledge: Knowledge) { self.knowledge = knowledge }

    /// A checker for the command line's `--part`, `--board` and `--core` (`cm7` or `cm4`).
    public init(knowledge: Knowledge, part: String?, board: String?, core: String?) throws {
        self.knowledge = knowledge
        self.part = part
        self.board = board
        if let core {
            guard let parsed = Core(rawValue: core.lowercased()) else { throw H7Error.usage("--core must be cm7 or cm4, not '\(core)'") }
            self.core = parsed
        }
    }

    /// One image's result: the report (as `check` gives one per project) and the emulation behind it.
    public struct Result: Sendable {
        public var report: ProjectReport
        public var emulation: Emulation?
        public var image: FirmwareImage?
        public var seconds: Double
    }

    public func check(_ path: String) -> Result {
        let started = Date()
        let name = ImageFacts.displayName(path)
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let image = try FirmwareImage.read(path, format: format, loadAddress: loadAddress)
            let (device, deviceOrigin) = try self.device(image, path: path)
            let cm4 = (core ?? imageCore(image, device: device)) == .cm4
            let emulation = try Emulator(image: image, device: device, cm4: cm4, options: options).run()
            let coreName: Core? = device.isDualCore ? (cm4 ? .cm4 : .cm7) : nil
            var facts = ImageFacts.sourceFacts(emulation, image: image, core: coreName, file: path)
            facts.file = path
            var build = CoreBuild(core: coreName, settings: nil, allSettings: [], parsedFiles: [path], sources: [facts])
            // The reset handler called ExitRun0Mode: the emulation ran it.
            build.startupExitRun0ModeCall = facts.functions.first { $0.name == "ExitRun0Mode" }?.range
            var project = Project(root: root, name: name, cores: [build], device: device, deviceOrigin: deviceOrigin)
            if let projectBoard {
                project.board = projectBoard.board
                project.boardOrigin = projectBoard.origin
            } else if let board {
                let loader = ProjectLoader(knowledge: knowledge, boardOverride: board)
                project.board = try loader.board(spec: board, base: root, strict: true)
                project.boardOrigin = "--board \(board)"
            } else {
                project.boardOrigin = "no board named (--board)"
            }
            project.builtFrom = builtFrom
            // A dual-core part's CM4 image does not configure the supply (the CM7 does).
            project.setupNotRead = ImageFacts.gaps(emulation, image: image, core: coreName, file: path, configuresSupply: !cm4)
            let filter = FindingFilter(knowledge: knowledge, config: nil, requireBoard: false, selection: selection)
            var findings = filter.apply(RuleEngine.run(project, knowledge: knowledge).sorted(by: Checker.placeOrder), project: project).findings
            // Writes made through one call of a HAL function share the call's place: one finding a rule there
            // (HAL_RCC_OscConfig writes RCC->CR three times with the HSE in crystal mode).
            var seen = Set<String>()
            findings = findings.filter { seen.insert("\($0.ruleID) \($0.core?.rawValue ?? "-") \($0.range.map { "\($0.file):\($0.line):\($0.column)" } ?? "-")").inserted }
            let notes = [ParseProblem(severity: .note, message: "\(name): emulation stopped: \(emulation.stop.kind.rawValue) at 0x\(String(emulation.stop.pc, radix: 16, uppercase: true)): \(emulation.stop.detail)", range: nil)]
            let report = ProjectReport(name: name, root: root, project: project, findings: findings, error: nil, notes: notes)
            return Result(report: report, emulation: emulation, image: image, seconds: Date().timeIntervalSince(started))
        } catch let error as H7Error {
            return Result(report: ProjectReport(name: name, root: root, project: nil, findings: [], error: error, notes: []),
                          emulation: nil, image: nil, seconds: Date().timeIntervalSince(started))
        } catch {
            return Result(report: ProjectReport(name: name, root: root, project: nil, findings: [], error: H7Error(.internal, "\(path): \(error)"), notes: []),
                          emulation: nil, image: nil, seconds: Date().timeIntervalSince(started))
        }
    }

    /// The part: `--part`, else the CMSIS device header the image's DWARF names (`stm32h745xx.h`).
    func device(_ image: FirmwareImage, path: String) throws -> (Device, String) {
        if let part {
            guard let device = knowledge.device(partName: part) ?? knowledge.device(define: part) else {
                throw H7Error.usage("--part \(part): not an STM32H7 part h7lint knows (a part number such as STM32H745ZIT6, or a define such as STM32H745xx)")
            }
            return (device, "--part \(part)")
        }
        let headers = Set((image.lines?.files ?? []).map { ($0.split(separator: "/").last.map(String.init) ?? $0).lowercased() })
        for line in knowledge.lines {
            for p in line.parts where headers.contains(p.define.lowercased() + ".h") {
                if let device = knowledge.device(define: p.define) { return (device, "DWARF names \(p.define.lowercased()).h") }
            }
        }
        // Built with -g3 (STM32CubeIDE's Debug default): the macro table holds the command line's device define.
        let defined = Self.definedMacros(image)
        let devices = knowledge.lines.flatMap(\.parts).map(\.define).filter { defined.contains($0) }
        if Set(devices).count == 1, let define = devices.first, let device = knowledge.device(define: define) {
            return (device, "assumed from the \(define) define in the image's DWARF macros")
        }
        throw H7Error.usage("\(path): cannot tell the part (no CMSIS device header or device define in its DWARF): give --part (e.g. --part STM32H743xx)")
    }

    /// Macro names the image's DWARF macro information defines (`.debug_macro` strings in `.debug_str`, or inline
    /// in `.debug_macro`/`.debug_macinfo`): each NUL-terminated `NAME value` string, by name.
    static func definedMacros(_ image: FirmwareImage) -> Set<String> {
        guard let elf = image.elf, elf.sections.contains(where: { $0.name == ".debug_macro" || $0.name == ".debug_macinfo" }) else { return [] }
        var names: Set<String> = []
        for name in [".debug_str", ".debug_macro", ".debug_macinfo"] {
            guard let bytes = elf.section(name) else { continue }
            for piece in bytes.split(separator: 0, omittingEmptySubsequences: true) where piece.count < 200 {
                let text = String(decoding: piece, as: UTF8.self)
                guard let space = text.firstIndex(of: " "), !text[..<space].contains("(") else { continue }
                names.insert(String(text[..<space]))
            }
        }
        return names
    }

    /// The core: `.ARM.attributes` (Tag_CPU_name `cortex-m4`, or FPv4 against the M7's FPv5), else on a dual-core
    /// part a vector table in flash bank 2 (0x08100000, where ST's CM4 images boot), else the M7.
    func imageCore(_ image: FirmwareImage, device: Device) -> Core? {
        guard device.isDualCore else { return nil }
        if let cpu = image.elf?.cpuName?.lowercased() {
            if cpu.contains("m4") { return .cm4 }
            if cpu.contains("m7") { return .cm7 }
        }
        if let fp = image.elf?.fpArch, fp > 0 { return fp <= 6 ? .cm4 : .cm7 }
        return image.vectorTable >= 0x0810_0000 && image.vectorTable < 0x0820_0000 ? .cm4 : .cm7
    }
}
