import Foundation
import H7Image
import H7Lint
import H7Model
import Testing

/// Images built in the tests from Tests/Fixtures/image with Debian's arm-none-eabi-gcc, and checked in-process.
enum ImageSupport {
    static let fixture = TestSupport.repository.appendingPathComponent("Tests/Fixtures/image")

    static let gcc: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/arm-none-eabi-gcc"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// Both tools are here: arm-none-eabi-gcc to build the images and Unicorn to run them.
    static let available: Bool = {
        guard gcc != nil else { return false }
        if case .success = UnicornLibrary.loaded { return true }
        return false
    }()

    static let skipReason: Comment = "needs arm-none-eabi-gcc and libunicorn2 (scripts/install-deps installs both)"

    static let output = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-images-\(ProcessInfo.processInfo.processIdentifier)")

    /// The fixture built with `-D` each define; `debug` is `-g`, `-gdwarf-5` or `-g0`; `strip` removes .symtab.
    /// `ram` moves data, bss and the stack from DTCM to another region: `(origin, length)` for the linker script.
    static func build(_ defines: [String], debug: String = "-g", strip: Bool = false, cpu: [String] = ["-mcpu=cortex-m7"],
                      ram: (origin: String, length: String)? = nil, flags: [String] = []) throws -> String {
        guard let gcc else { throw H7Error(.internal, "no arm-none-eabi-gcc") }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let name = (defines.isEmpty ? ["default"] : defines).joined(separator: "+") + debug + (strip ? "-stripped" : "") + cpu.joined()
            + (ram.map { "-ram\($0.origin)-\($0.length)" } ?? "") + (flags.isEmpty ? "" : "-" + String(flags.joined().unicodeScalars.filter(CharacterSet.alphanumerics.contains).map(Character.init)).suffix(48)) + ".elf"
        let target = output.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: target) { return target }
        var script = fixture.appendingPathComponent("image.ld").path
        if let ram {
            let text = try String(contentsOfFile: script, encoding: .utf8).replacingOccurrences(of: "ORIGIN = 0x20000000, LENGTH = 128K", with: "ORIGIN = \(ram.origin), LENGTH = \(ram.length)")
            script = target + ".ld"
            try text.write(toFile: script, atomically: true, encoding: .utf8)
        }
        var arguments = cpu + ["-mthumb", "-O1", debug, "-ffreestanding", "-nostartfiles", "-nostdlib", "-T", script]
        arguments += defines.map { "-D\($0)" } + flags
        // Tests run in parallel: each builds to a file of its own and renames it into place (atomic).
        let temporary = target + ".\(UUID().uuidString)"
        arguments += [fixture.appendingPathComponent("startup.c").path, fixture.appendingPathComponent("app.c").path,
                      fixture.appendingPathComponent("Drivers/vendor_pwr.c").path, "-o", temporary]
        try runTool(gcc, arguments)
        if strip { try runTool(gcc.replacingOccurrences(of: "-gcc", with: "-strip"), [temporary]) }
        guard rename(temporary, target) == 0 else { throw H7Error(.internal, "cannot rename \(temporary)") }
        return target
    }

    static func runTool(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw H7Error(.internal, "\(tool) failed: \(message)") }
    }

    static func check(_ path: String, part: String? = "STM32H745xx", board: String? = "NUCLEO-H745ZI-Q:ldo-rework",
                      options: Emulator.Options = Emulator.Options()) -> ImageChecker.Result {
        var checker = ImageChecker(knowledge: TestSupport.knowledge)
        checker.options = options
        checker.part = part
        checker.board = board
        return checker.check(path)
    }

    /// `ID file:line` of the findings at or above warning, file names without folders.
    static func summary(_ result: ImageChecker.Result) -> [String] {
        result.report.findings.filter { $0.severity >= .warning }.map { finding in
            let place = finding.range.map { "\(($0.file as NSString).lastPathComponent):\($0.line)" } ?? "-"
            return "\(finding.ruleID) \(place)"
        }.sorted()
    }

    /// The 1-based line of app.c holding `text` (the first after `after`).
    static func line(of text: String, after: String? = nil) throws -> Int {
        let lines = try String(contentsOf: fixture.appendingPathComponent("app.c"), encoding: .utf8).components(separatedBy: "\n")
        var start = 0
        if let after, let i = lines.firstIndex(where: { $0.contains(after) }) { start = i }
        guard let index = lines[start...].firstIndex(where: { $0.contains(text) }) else { throw H7Error(.internal, "no '\(text)' in app.c") }
        return index + 1
    }
}
