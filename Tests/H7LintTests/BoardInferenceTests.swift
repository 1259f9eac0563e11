import Foundation
import H7Lint
import H7Model
import Testing

/// A board nobody named is recognised from the `.ioc` evidence of its CubeMX preset; its rules then run
/// one severity lower, and `require-board` makes a board that is not named an error.
struct BoardInferenceTests {
    static let fixture = TestSupport.fixtures.appendingPathComponent("custom-board-nucleo-pins")

    /// Copies the fixture, rewrites its `.ioc` with `edit`, and checks it.
    static func checkEdited(_ edit: (String) -> String, board: String? = nil, config: String? = nil) throws -> ProjectReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-infer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: fixture, to: folder)
        let ioc = folder.appendingPathComponent("custom-board-nucleo-pins.ioc")
        try edit(try String(contentsOf: ioc, encoding: .utf8)).write(to: ioc, atomically: true, encoding: .utf8)
        if let config { try config.write(to: folder.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8) }
        return try #require(try TestSupport.check(folder, board: board).first)
    }

    @Test func presetPinsNameTheBoardWithTheirEvidence() throws {
        let report = try Self.checkEdited { $0 }
        let project = try #require(report.project)
        #expect(project.board?.id == "NUCLEO-H745ZI-Q")
        #expect(project.boardInference?.matched == 7)
        let supply = try #require(report.findings.first { $0.ruleID == "H7-PWR-001" })
        #expect(supply.severity == .warning)
        let meta = try #require(report.findings.first { $0.ruleID == "H7-META-002" })
        #expect(meta.message.contains("looks like NUCLEO-H745ZI-Q"))
        #expect(meta.notes.contains("PD8 = USART3_TX"))
    }

    /// Three pins of the preset are not enough: the board stays unknown and PWR-001 does not run.
    @Test func weakEvidenceInfersNothing() throws {
        let report = try Self.checkEdited { text in
            text.replacingOccurrences(of: "PD8.Signal=USART3_TX", with: "PD8.Signal=GPIO_Input")
                .replacingOccurrences(of: "PD9.Signal=USART3_RX", with: "PD9.Signal=GPIO_Input")
                .replacingOccurrences(of: "RCC.HSE_VALUE=8000000", with: "RCC.HSE_VALUE=25000000")
        }
        #expect(report.project?.board == nil)
        #expect(!report.findings.contains { $0.ruleID == "H7-PWR-001" })
        #expect(report.findings.contains { $0.ruleID == "H7-META-002" && $0.message.contains("board unknown") })
    }

    /// The preset pins on another part (an H743 has no SMPS) match no H745 board.
    @Test func theBoardMustBeForThePart() throws {
        let report = try Self.checkEdited { text in
            text.replacingOccurrences(of: "STM32H745ZITx", with: "STM32H743ZITx").replacingOccurrences(of: "STM32H745ZIT6", with: "STM32H743ZIT6")
        }
        #expect(report.project?.board?.id != "NUCLEO-H745ZI-Q")
    }

    @Test func aNamedBoardWinsAndKeepsFullSeverity() throws {
        let report = try Self.checkEdited({ $0 }, board: "NUCLEO-H745ZI-Q")
        #expect(report.project?.boardInference == nil)
        #expect(report.findings.first { $0.ruleID == "H7-PWR-001" }?.severity == .error)
        #expect(!report.findings.contains { $0.ruleID == "H7-META-002" })
    }

    @Test func requireBoardMakesAnUnnamedBoardAnError() throws {
        let report = try Self.checkEdited({ $0 }, config: "require-board: true\n")
        #expect(report.findings.first { $0.ruleID == "H7-META-002" }?.severity == .error)
        let flag = try TestSupport.run(["check", Self.fixture.path, "--require-board"])
        #expect(flag.status == 1)
        #expect(flag.stdout.contains("error: board not named"))
    }
}
