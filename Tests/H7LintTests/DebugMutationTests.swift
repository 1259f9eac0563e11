import Foundation
import H7Lint
import H7Model
import Testing

/// The clean debug fixture, copied and changed one thing at a time: each change is caught, at the changed line.
struct DebugMutationTests {
    struct Mutation: Sendable, CustomTestStringConvertible {
        var fixture: String
        var file: String
        var from: String
        var to: String
        /// `ID file:line` expected afterwards, or nil when the change must not be reported.
        var expect: String?
        var testDescription: String { "\(fixture): \(expect ?? "no finding") after \(to.trimmingCharacters(in: .whitespacesAndNewlines))" }
    }

    static let clean = "dbg-clean-swd-trace"
    static let mutations: [Mutation] = [
        Mutation(fixture: clean, file: "Core/Src/main.c", from: "|GPIO_PIN_12|GPIO_PIN_15;",
                 to: "|GPIO_PIN_12|GPIO_PIN_13|GPIO_PIN_14|GPIO_PIN_15;", expect: "H7-DBG-001 Core/Src/main.c:125"),
        Mutation(fixture: clean, file: "Core/Src/main.c", from: "|GPIO_PIN_14|GPIO_PIN_15;\n  HAL_GPIO_Init(GPIOB",
                 to: "|GPIO_PIN_14|GPIO_PIN_15|GPIO_PIN_3;\n  HAL_GPIO_Init(GPIOB", expect: "H7-DBG-002 Core/Src/main.c:131"),
        Mutation(fixture: clean, file: "Core/Src/main.c", from: "  HAL_DBGMCU_EnableDBGStopMode();\n", to: "",
                 expect: "H7-DBG-003 Core/Src/main.c:42"),
        Mutation(fixture: clean, file: "Core/Src/main.c", from: "  __HAL_DBGMCU_FREEZE_IWDG1();\n", to: "",
                 expect: "H7-DBG-007 Core/Src/main.c:141"),
        Mutation(fixture: clean, file: "flash.sh", from: "-ob RDP=0xBB", to: "-ob RDP=0xCC", expect: "H7-DBG-004 flash.sh:8"),
        Mutation(fixture: "dbg-h745-scripts", file: "tools/flash_release.sh", from: "BCM7=0 BCM4=1", to: "BCM7=1 BCM4=0", expect: nil),
        Mutation(fixture: "dbg-h745-scripts", file: "CM7/Core/Src/main.c", from: "  MX_GPIO_Init();\n",
                 to: "  MX_GPIO_Init();\n  HAL_SYSCFG_DisableCM7BOOT();\n", expect: "H7-DBG-005 CM7/Core/Src/main.c:56"),
    ]

    @Test(arguments: mutations)
    func mutationIsCaught(_ mutation: Mutation) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-mutation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(mutation.fixture), to: folder)
        let url = folder.appendingPathComponent(mutation.file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.components(separatedBy: mutation.from).count == 2, "the text to change must occur once")
        try text.replacingOccurrences(of: mutation.from, with: mutation.to).write(to: url, atomically: true, encoding: .utf8)

        let before = Set(TestSupport.summary(try TestSupport.check(TestSupport.fixtures.appendingPathComponent(mutation.fixture)), level: .note))
        let after = Set(TestSupport.summary(try TestSupport.check(folder), level: .note))
        let added = after.subtracting(before).filter { $0.hasPrefix("H7-DBG-") }
        #expect(added == Set(mutation.expect.map { [$0] } ?? []))
    }
}
