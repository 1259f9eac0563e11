import Foundation
import H7Model

/// What a PlatformIO board id says about the project (Rules/platformio-boards.yml), and what a framework
/// sets up outside the project.
extension ProjectLoader {
    /// The PlatformIO environment that decides the part and the board: the first (`default_envs` first).
    static func platformio(_ settings: [BuildSettings]) -> BuildSettings? { settings.first { $0.origin == .platformio } }

    /// PlatformIO environments for an STM32H7 before the others (`default_envs` order kept within each group):
    /// one `platformio.ini` may build a Blue Pill and a Nucleo-H743, and only the H7 one can be checked.
    func platformioH7First(_ settings: [BuildSettings]) -> [BuildSettings] {
        let defines = knowledge.deviceDefines
        func isH7(_ env: BuildSettings) -> Bool {
            env.origin == .platformio && (env.boardName.flatMap { knowledge.platformioBoard(id: $0) } != nil
                || env.partName?.hasPrefix("STM32H7") == true || env.defines.contains { defines.contains($0.name) })
        }
        guard settings.contains(where: isH7) else { return settings }
        return settings.filter(isH7) + settings.filter { !isH7($0) }
    }

    /// The part of a PlatformIO board id, when neither a define nor the `.ioc` names one.
    func platformioDevice(_ settings: [BuildSettings]) -> (Device, String)? {
        guard let env = Self.platformio(settings), let id = env.boardName, let row = knowledge.platformioBoard(id: id),
              let device = knowledge.device(define: row.device) else { return nil }
        return (device, "PlatformIO board \(id)")
    }

    /// A PlatformIO board of another family: its part (`build.mcu` of the project's manifest, `board_build.mcu`)
    /// is not an STM32H7, or its id is neither in the table (every STM32H7 board of platform-ststm32) nor an H7 name.
    func platformioOtherFamily(_ settings: [BuildSettings]) -> String? {
        guard let env = Self.platformio(settings) else { return nil }
        if let part = env.partName { return part.hasPrefix("STM32H7") ? nil : part }
        guard let id = env.boardName, knowledge.platformioBoard(id: id) == nil, env.boardManifest == nil,
              !id.lowercased().contains("h7") else { return nil }
        return "PlatformIO board \(id)"
    }

    /// The board name a PlatformIO id stands for, with where it came from (`platformio.ini board = id: `); an id
    /// h7lint cannot map keeps its own name, so that the report says it is not a board h7lint knows.
    func platformioBoardName(_ settings: [BuildSettings]) -> (String, String)? {
        guard let env = Self.platformio(settings), let id = env.boardName else { return nil }
        guard let profile = knowledge.platformioBoard(id: id)?.board else { return (id, "\(env.file) board = ") }
        return (profile, "\(env.file) board = \(id): ")
    }

    /// Why a PlatformIO board id maps to no profile, said after "is not a board h7lint knows".
    func platformioUnknownBoard(_ settings: [BuildSettings]) -> String? {
        guard let env = Self.platformio(settings), let id = env.boardName else { return nil }
        guard let row = knowledge.platformioBoard(id: id) else {
            let local = env.boardManifest.map { "; the project's own manifest \($0) says nothing of the wiring" } ?? ""
            return "(not in h7lint's PlatformIO table, Rules/platformio-boards.yml\(local))"
        }
        return row.board == nil ? "(\(row.device): \(row.note ?? "h7lint has no board profile for it"))" : nil
    }

    /// `framework = arduino` without a `SystemClock_Config` of the project's own: the Arduino core's variant
    /// sets the clocks (and on mbed boards the supply), outside the project.
    func frameworkGap(_ project: Project, settings: [BuildSettings]) -> SetupGap? {
        guard let env = Self.platformio(settings), let framework = env.framework, framework.contains("arduino"),
              !project.cores.contains(where: { $0.defines(function: "SystemClock_Config") }) else { return nil }
        let row = env.boardName.flatMap { knowledge.platformioBoard(id: $0) }
        let stm32duino = env.frameworkCore == "stm32" ? PlatformIOBoard.name(arduinoCore: "stm32duino") : nil
        let core = row?.arduinoCoreName ?? stm32duino ?? "the Arduino core"
        let variant = env.variant ?? row?.variant
        return SetupGap(
            message: "framework = arduino and the project defines no SystemClock_Config: the clocks and the supply are set by \(core)\(variant.map { ", variant \($0)" } ?? ""), which is not in the project and was not checked (define SystemClock_Config in the project to have it checked)",
            range: SourceRange(file: env.file, line: Self.line(of: "framework", in: project.root.appendingPathComponent(env.file)) ?? 1))
    }

    /// The first line of a text file that sets `key` (`key =`), for places in `platformio.ini`.
    static func line(of key: String, in url: URL) -> Int? {
        ReadLog.note(url.path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        for (index, line) in text.textLines.enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).trimmingWhitespace().hasPrefix("=") {
                return index + 1
            }
        }
        return nil
    }
}
