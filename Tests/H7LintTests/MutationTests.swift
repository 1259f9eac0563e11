import Foundation
import H7Lint
import H7Model
import Testing

/// Correct fixtures changed to a wrong scheme in each place a scheme can be set (build define in
/// each toolchain's file, HAL call, LL call, PWR->CR3 write): each change must be caught with the
/// right id, and each reverse change must clear it.
struct MutationTests {
    struct Mutation: Sendable, CustomTestStringConvertible {
        var fixture: String
        var file: String
        var find: String
        var replace: String
        var expected: [String]   // rule ids that must appear
        var absent: [String] = []  // rule ids that must disappear
        var testDescription: String { "\(fixture): \(file) \(find.prefix(40)) → \(replace.prefix(40))" }
    }

    static let mutations: [Mutation] = [
        Mutation(fixture: "nucleo-h745-smps-ok", file: "CM7/.cproject", find: "USE_PWR_DIRECT_SMPS_SUPPLY",
                 replace: "USE_PWR_LDO_SUPPLY", expected: ["H7-PWR-001"]),
        Mutation(fixture: "h7a3-smps-280", file: ".cproject", find: "USE_PWR_DIRECT_SMPS_SUPPLY",
                 replace: "USE_PWR_LDO_SUPPLY", expected: ["H7-PWR-001"]),
        Mutation(fixture: "h735g-dk-smps-520", file: "Makefile", find: "USE_PWR_DIRECT_SMPS_SUPPLY",
                 replace: "USE_PWR_LDO_SUPPLY", expected: ["H7-PWR-001"]),
        Mutation(fixture: "nucleo-h743-ldo-makefile", file: "Makefile", find: "USE_PWR_LDO_SUPPLY",
                 replace: "USE_PWR_DIRECT_SMPS_SUPPLY", expected: ["H7-PWR-002", "H7-PWR-004"]),
        Mutation(fixture: "nucleo-h743-smps-macro", file: "cmake/stm32cubemx/CMakeLists.txt", find: "USE_PWR_DIRECT_SMPS_SUPPLY",
                 replace: "USE_PWR_LDO_SUPPLY", expected: [], absent: ["H7-PWR-002", "H7-PWR-004"]),
        Mutation(fixture: "with-stand-in-drivers", file: "Core/Src/main.c", find: "PWR_LDO_SUPPLY",
                 replace: "PWR_DIRECT_SMPS_SUPPLY", expected: ["H7-PWR-002"]),
        Mutation(fixture: "no-ioc-custom", file: "Src/main.c", find: "LL_PWR_DIRECT_SMPS_SUPPLY",
                 replace: "LL_PWR_LDO_SUPPLY", expected: [], absent: ["H7-PWR-001"]),
        Mutation(fixture: "h735g-dk-smps-520", file: "Core/Src/main.c", find: "  RCC_OscInitTypeDef RCC_OscInitStruct = {0};",
                 replace: "  RCC_OscInitTypeDef RCC_OscInitStruct = {0};\n  PWR->CR3 = (PWR->CR3 & ~PWR_CR3_SMPSEN) | PWR_CR3_LDOEN;",
                 expected: ["H7-PWR-001", "H7-PWR-003"]),
        Mutation(fixture: "nucleo-h745-smps-ok", file: "CM7/Core/Src/main.c", find: "  RCC_OscInitTypeDef RCC_OscInitStruct = {0};",
                 replace: "  RCC_OscInitTypeDef RCC_OscInitStruct = {0};\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);",
                 expected: ["H7-PWR-001", "H7-PWR-003", "H7-PWR-005"]),
        Mutation(fixture: "nucleo-h745-smps-ok", file: "CM7/Core/Src/main.c", find: "PWR_REGULATOR_VOLTAGE_SCALE1",
                 replace: "PWR_REGULATOR_VOLTAGE_SCALE0", expected: ["H7-VOS-001"]),
    ]

    @Test(arguments: mutations)
    func mutationIsCaught(_ mutation: Mutation) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-mutant-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(mutation.fixture), to: copy)
        let before = Set(try TestSupport.check(copy).flatMap(\.findings).map(\.ruleID))
        let url = copy.appendingPathComponent(mutation.file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(mutation.find), "the fixture changed: \(mutation.file) has no '\(mutation.find)'")
        try text.replacingOccurrences(of: mutation.find, with: mutation.replace).write(to: url, atomically: true, encoding: .utf8)
        let after = Set(try TestSupport.check(copy).flatMap(\.findings).map(\.ruleID))
        for id in mutation.expected {
            #expect(!before.contains(id), "\(id) already before the change")
            #expect(after.contains(id), "\(id) not reported after the change; got \(after.sorted())")
        }
        for id in mutation.absent {
            #expect(before.contains(id) && !after.contains(id), "\(id): before \(before.sorted()), after \(after.sorted())")
        }
    }
}
