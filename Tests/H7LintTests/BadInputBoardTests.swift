import Foundation
import H7Model
import Testing

/// Issue 7's bad-input catalogue, part 4: board profiles (docs/errors.md). A key `Board` does not read,
/// a value of the wrong type, or a value no board can have is an error at its file and line.
@Suite struct BadInputBoardTests {
    static let profile = """
        id: MY-H743-BOARD
        name: "My board"
        part: STM32H743ZIT6
        device: STM32H743xx
        supply:
          allowed: [ldo]
          source: "schematic rev B"
        hse:
          frequency_mhz: 8
          mode: bypass
        vcap:
          capacitance_uf: 2.2
          count: 2
        boot0:
          wiring: pulled-down
        variants:
          - id: smps
            supply: { allowed: [ldo] }

        """

    static let schemes = "ldo, external-source, direct-smps, smps-1v8-supplies-ldo, smps-2v5-supplies-ldo, "
        + "smps-1v8-supplies-ext-and-ldo, smps-2v5-supplies-ext-and-ldo, smps-1v8-supplies-ext, smps-2v5-supplies-ext"

    /// (what the profile says instead, line: message) for each bad profile.
    static let cases: [(String, String, String)] = [
        ("name: \"My board\"", "nmae: \"My board\"", "2: unknown key 'nmae' (see Rules/README.md for the profile format)"),
        ("  source: \"schematic rev B\"", "  sorce: \"schematic rev B\"", "7: unknown key 'sorce' in 'supply' (see Rules/README.md for the profile format)"),
        ("frequency_mhz: 8", "frequency_mhz: -8", "9: 'hse.frequency_mhz' is -8: a frequency must be more than 0 MHz"),
        ("frequency_mhz: 8\n  mode: bypass", "frequency_mhz: 60\n  mode: crystal",
         "9: 'hse.frequency_mhz' is 60 MHz: the STM32H743xx takes a crystal of 4 to 48 MHz (Rules/devices/RM0433.yml hse_mhz)"),
        ("frequency_mhz: 8", "frequency_mhz: eight", "9: 'hse.frequency_mhz' must be a number"),
        ("allowed: [ldo]\n  source", "allowed: [ldo, warp-drive]\n  source",
         "6: 'warp-drive' in 'supply.allowed' is not a supply scheme (\(schemes))"),
        ("allowed: [ldo]\n  source", "allowed: [direct-smps]\n  source",
         "6: 'direct-smps' in 'supply.allowed' needs the SMPS, which the STM32H743xx does not have"),
        ("supply: { allowed: [ldo] }", "supply: { allowed: [smps-9v-supplies-ldo] }",
         "18: 'smps-9v-supplies-ldo' in 'variants[0].supply.allowed' is not a supply scheme (\(schemes))"),
        ("device: STM32H743xx", "device: STM32H799xx",
         "4: device 'STM32H799xx' is not a CMSIS device define h7lint knows (such as STM32H743xx; see Rules/devices)"),
        ("part: STM32H743ZIT6", "part: STM32H745ZIT6", "3: part 'STM32H745ZIT6' is an STM32H745xx, not the STM32H743xx that 'device' names"),
        ("capacitance_uf: 2.2", "capacitance_uf: 0", "12: 'vcap.capacitance_uf' is 0: a capacitance must be more than 0 µF"),
        ("count: 2", "count: -1", "13: 'vcap.count' is -1: a board has at least one VCAP capacitor"),
        ("wiring: pulled-down", "wiring: maybe", "15: 'boot0.wiring' is 'maybe': expected floating, jumper, pulled-down, switch or unknown"),
        ("id: MY-H743-BOARD", "id: MY:BOARD", "1: 'id' must be a name without ':' or '/' (such as MY-BOARD), not 'MY:BOARD'"),
        ("name: \"My board\"", "name:", "2: 'name' has no value (give one or remove the key)"),
        ("wiring: pulled-down\n", "wiring: pulled-down\ndevice: STM32H743xx\n", "16: key 'device' given twice (first on line 4)"),
        ("allowed: [ldo]\n  source", "allowed: [ldo\n  source", "7: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
    ]

    @Test(arguments: 0..<cases.count)
    func badProfile(_ index: Int) throws {
        let (old, new, message) = Self.cases[index]
        let folder = try BadInputFolder()
        try folder.copyFixture()
        #expect(Self.profile.contains(old))
        try folder.write("proj/board.yml", Self.profile.replacingOccurrences(of: old, with: new))
        let result = try folder.check(["proj"], options: ["--board", folder.path("proj/board.yml")])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("proj/board.yml")):\(message)\n")
        #expect(result.stdout == "")  // a bad --board stops the run before any project
    }

    /// `--board` applies to every project: a bad one is said once, and nothing is checked.
    @Test func badBoardOptionIsSaidOnce() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture(to: "repo/a")
        try folder.copyFixture(to: "repo/b")
        try folder.write("board.yml", Self.profile.replacingOccurrences(of: "frequency_mhz: 8", with: "frequency_mhz: -8"))
        let result = try folder.check(["repo"], options: ["--board", folder.path("board.yml")])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("board.yml")):9: 'hse.frequency_mhz' is -8: a frequency must be more than 0 MHz\n")
    }

    @Test func goodProfileLoads() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write("proj/board.yml", Self.profile)
        let result = try folder.check(["proj"], options: ["--board", folder.path("proj/board.yml")])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let variant = try folder.check(["proj"], options: ["--board", folder.path("proj/board.yml") + ":smps"])
        #expect(variant.status == 0)
    }

    /// Aliases that repeat each other (each level ten times the last) are refused before anything walks them.
    @Test func aliasBombIsRefusedQuickly() throws {
        var lines = ["id: BOMB", "part: STM32H743ZIT6", "device: STM32H743xx", "supply:", "  allowed: [ldo]",
                     "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<10 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let text = lines.joined(separator: "\n") + "\n"
        let reader = BoardProfileReader(schemes: TestSupport.knowledge.schemes, lines: TestSupport.knowledge.lines)
        #expect(throws: H7Error.input("bomb.yml: board profile expands to more than 100000 YAML nodes (aliases that repeat each other?): not read")) {
            try reader.parse(text, file: "bomb.yml")
        }
        let config = text.replacingOccurrences(of: "id: BOMB\npart: STM32H743ZIT6\ndevice: STM32H743xx\nsupply:\n  allowed: [ldo]\n", with: "")
        #expect(throws: H7Error.usage("/p/.h7lint.yml: expands to more than 100000 YAML nodes (aliases that repeat each other?): not read")) {
            try ProjectConfig.parse(config, file: URL(fileURLWithPath: "/p/.h7lint.yml"))
        }
    }
}