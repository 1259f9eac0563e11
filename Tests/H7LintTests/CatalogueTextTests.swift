import Foundation
import Testing

/// Rules/ YAML: no plain scalar is cut short by YAML comment syntax (` #` starts a comment outside quotes, so
/// `title: Configuration stops at an #error` loads as "Configuration stops at an"). A trailing comment after a
/// single word or number (`550   # note`) is deliberate and allowed.
struct CatalogueTextTests {
    /// Plain (unquoted) scalars on `key: value` or `- value` lines, outside block scalars, that hold ` #`.
    static func cutScalars(_ text: String) -> [String] {
        var cut: [String] = []
        var blockIndent: Int?
        for line in text.components(separatedBy: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let block = blockIndent {
                if body.isEmpty || indent > block { continue }
                blockIndent = nil
            }
            if body.hasPrefix("#") || body.isEmpty { continue }
            var value = Substring(body)
            if value.hasPrefix("- ") { value = value.dropFirst(2) }
            if let colon = value.range(of: ": ") , !value.hasPrefix("\"") && !value.hasPrefix("'") {
                value = value[colon.upperBound...]
            }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if ["|", "|-", ">", ">-", "|+", ">+"].contains(trimmed) { blockIndent = indent; continue }
            if trimmed.hasPrefix("\"") || trimmed.hasPrefix("'") || trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { continue }
            // Prose (several words) before ` #` is text YAML would drop; `550   # note` is a deliberate comment.
            if let hash = trimmed.range(of: " #"), trimmed[..<hash.lowerBound].trimmingCharacters(in: .whitespaces).contains(" ") {
                cut.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        return cut
    }

    @Test func noScalarIsCutByAComment() throws {
        let rules = TestSupport.repository.appendingPathComponent("Rules")
        let files = try FileManager.default.subpathsOfDirectory(atPath: rules.path).filter { $0.hasSuffix(".yml") }
        #expect(files.count > 30)
        for file in files {
            let text = try String(contentsOf: rules.appendingPathComponent(file), encoding: .utf8)
            #expect(Self.cutScalars(text).isEmpty, "\(file): \(Self.cutScalars(text))")
        }
        #expect(TestSupport.knowledge.ruleDocs["H7-META-003"]?.title == "Configuration stops at an #error")
    }

    @Test func theCheckSeesWhatYAMLWouldCut() {
        #expect(Self.cutScalars("title: Configuration stops at an #error\n") == ["title: Configuration stops at an #error"])
        #expect(Self.cutScalars("title: \"Configuration stops at an #error\"\nwhat: |\n  #include \"main.h\"\n").isEmpty)
    }
}

/// Device facts whose severity depends on sources agreeing (docs/severity.md).
struct DeviceFactsTests {
    let lines = TestSupport.knowledge.lines

    /// `forbidden` means every source agrees; a `conflict:` that says the sources disagree cannot go with it.
    @Test func pll1POneIsForbiddenOnlyWhereNoSourceDisagrees() throws {
        for line in lines {
            guard let pll = line.pll else { continue }
            if pll.pll1POdd == "forbidden" {
                #expect(!(pll.conflict ?? "").contains("warn"), "\(line.line): pll1_p_odd forbidden, but its conflict says to warn")
            }
        }
        for id in ["RM0433", "RM0399"] {
            #expect(lines.first { $0.line == id }?.pll?.pll1POdd == "unverified", "\(id): stm32duino's DevEBox H743 runs P = 1")
        }
    }

    /// A lenient flash table never asks for more wait states than the strict one, so the band between is real.
    @Test func lenientFlashTablesAreLooser() throws {
        let rm0455 = try #require(lines.first { $0.line == "RM0455" }?.flashLatency)
        #expect(rm0455.lenientRows != nil)
        for line in lines {
            guard let table = line.flashLatency, table.lenientRows != nil else { continue }
            for vos in 0...3 {
                for mhz in stride(from: 1.0, through: 280.0, by: 1.0) {
                    guard let strict = table.minimumLatency(hclkMHz: mhz, vos: vos) else { continue }
                    let lenient = try #require(table.lenientMinimumLatency(hclkMHz: mhz, vos: vos), "\(line.line) VOS\(vos) \(mhz) MHz")
                    #expect(lenient <= strict, "\(line.line) VOS\(vos) \(mhz) MHz")
                }
            }
        }
        #expect(rm0455.minimumLatency(hclkMHz: 130, vos: 0) == 3 && rm0455.lenientMinimumLatency(hclkMHz: 130, vos: 0) == 2)
    }

    /// CubeMX enforces HCLK per scale on RM0433/RM0399 (100 MHz at VOS3, 150 MHz at VOS2): hard limits.
    @Test func hclkPerScaleIsHardWhereCubeMXEnforcesIt() {
        for id in ["RM0433", "RM0399"] {
            let line = lines.first { $0.line == id }
            #expect(line?.limits(vos: 3)?.hardHclkMHz == 100 && line?.limits(vos: 2)?.hardHclkMHz == 150, "\(id)")
            #expect(line?.voltageScales.allSatisfy { !($0.source ?? "").contains("CubeMX is looser") } == true, "\(id)")
        }
    }

    /// STM32CubeProgrammer names the single-core 0x450 boot addresses BOOT_CM7_ADD0/1 too.
    @Test func bootAddressOneIsNamedAsCubeProgrammerNamesIt() throws {
        let result = try TestSupport.run(["recover", "--scenario", "supply"])
        #expect(result.stdout.contains("BOOT_CM7_ADD1 on STM32H74x/H75x parts, dual- and single-core alike"))
        #expect(!result.stdout.contains("BOOT_ADD1 on single-core"))
    }
}
