import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct EwpReaderTests {
    static func configuration(_ name: String, chip: String, core: String) -> String {
        """
            <configuration>
                <name>\(name)</name>
                <toolchain>
                    <name>ARM</name>
                </toolchain>
                <debug>1</debug>
                <settings>
                    <name>General</name>
                    <archiveVersion>3</archiveVersion>
                    <data>
                        <version>35</version>
                        <option>
                            <name>OGChipSelectEditMenu</name>
                            <state>\(chip)\tST \(chip)</state>
                        </option>
                    </data>
                </settings>
                <settings>
                    <name>ICCARM</name>
                    <archiveVersion>2</archiveVersion>
                    <data>
                        <version>37</version>
                        <option>
                            <name>CCDefines</name>
                            <state>\(core)</state>
                            <state>USE_HAL_DRIVER</state>
                            <state>STM32H745xx</state>
                            <state>USE_PWR_DIRECT_SMPS_SUPPLY</state>
                        </option>
                        <option>
                            <name>CCIncludePath2</name>
                            <state></state>
                            <state>$PROJ_DIR$\\..\\\(name.hasSuffix("CM7") ? "CM7" : "CM4")\\Core\\Inc</state>
                            <state>$PROJ_DIR$/../Drivers/STM32H7xx_HAL_Driver/Inc</state>
                            <state>$TOOLKIT_DIR$\\CMSIS\\Include</state>
                        </option>
                    </data>
                </settings>
                <settings>
                    <name>AARM</name>
                    <data>
                        <option>
                            <name>ADefines</name>
                            <state>ASM_ONLY</state>
                        </option>
                    </data>
                </settings>
            </configuration>

        """
    }

    static let ewp = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project>\n    <fileVersion>3</fileVersion>\n"
        + configuration("dual_CM7", chip: "STM32H745ZI_M7", core: "CORE_CM7")
        + configuration("dual_CM4", chip: "STM32H745ZI_M4", core: "CORE_CM4")
        + """
            <group>
                <name>CM7</name>
                <excluded>
                    <configuration>dual_CM4</configuration>
                </excluded>
                <group>
                    <name>Application</name>
                    <file>
                        <name>$PROJ_DIR$\\..\\CM7\\Core\\Src\\main.c</name>
                    </file>
                    <file>
                        <name>$PROJ_DIR$\\startup_stm32h745xx_CM7.s</name>
                    </file>
                </group>
            </group>
            <group>
                <name>Common</name>
                <file>
                    <name>$PROJ_DIR$\\..\\Common\\Src\\system_stm32h7xx_dualcore_boot_cm4_cm7.c</name>
                </file>
                <file>
                    <name>$PROJ_DIR$\\..\\CM4\\Core\\Src\\main.c</name>
                    <excluded>
                        <configuration>dual_CM7</configuration>
                    </excluded>
                </file>
            </group>
        </project>

        """

    @Test func readsEachConfiguration() throws {
        let project = try TemporaryProject()
        let url = try project.write("EWARM/dual.ewp", Self.ewp)
        let settings = try EwpReader.read(url: url, projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["dual_CM7", "dual_CM4"])
        let cm7 = settings[0]
        let cm4 = settings[1]
        #expect(cm7.origin == .ewp)
        #expect(cm7.file == "EWARM/dual.ewp")
        #expect(cm7.core == .cm7)
        #expect(cm4.core == .cm4)
        #expect(cm7.partName == "STM32H745ZI")
        #expect(cm7.boardName == nil)
        let first = line(of: "<state>CORE_CM7</state>", in: Self.ewp)
        #expect(first == 28)
        #expect(cm7.defines == [
            Define(name: "CORE_CM7", line: first),
            Define(name: "USE_HAL_DRIVER", line: first + 1),
            Define(name: "STM32H745xx", line: first + 2),
            Define(name: "USE_PWR_DIRECT_SMPS_SUPPLY", line: first + 3),
        ])
        #expect(cm4.define(named: "CORE_CM4")?.line == line(of: "<state>CORE_CM4</state>", in: Self.ewp))
        #expect(cm7.includePaths == [project.path("CM7/Core/Inc"), project.path("Drivers/STM32H7xx_HAL_Driver/Inc")])
        #expect(cm4.includePaths == [project.path("CM4/Core/Inc"), project.path("Drivers/STM32H7xx_HAL_Driver/Inc")])
        #expect(cm7.sources == [project.path("CM7/Core/Src/main.c"),
                                project.path("Common/Src/system_stm32h7xx_dualcore_boot_cm4_cm7.c")])
        #expect(cm4.sources == [project.path("Common/Src/system_stm32h7xx_dualcore_boot_cm4_cm7.c"),
                                project.path("CM4/Core/Src/main.c")])
    }

    @Test func deviceMenuEntries() {
        #expect(EwpReader.device(fromChip: "STM32H745ZI_CM4")! == ("STM32H745ZI", false))
        #expect(EwpReader.device(fromChip: "STM32H745ZI_M7")! == ("STM32H745ZI", false))
        #expect(EwpReader.device(fromChip: "STM32H7B3LI-Q")! == ("STM32H7B3LI-Q", false))
        #expect(EwpReader.device(fromChip: "STM32H7B3I-DK")! == ("STM32H7B3I-DK", true))
        #expect(EwpReader.device(fromChip: "Default") == nil)
    }

    @Test func coreFromConfigurationNameWithoutDefine() throws {
        let project = try TemporaryProject()
        let text = Self.ewp.replacingOccurrences(of: "<state>CORE_CM4</state>", with: "")
            .replacingOccurrences(of: "STM32H745ZI_M4", with: "STM32H745ZI")
        let url = try project.write("EWARM/dual.ewp", text)
        #expect(try EwpReader.read(url: url, projectRoot: project.root)[1].core == .cm4)
    }

    @Test func malformedProjects() throws {
        let project = try TemporaryProject()
        let noConfiguration = try project.write("a.ewp", "<?xml version=\"1.0\"?>\n<project>\n  <fileVersion>3</fileVersion>\n</project>\n")
        #expect(throws: H7Error.input("a.ewp: no <configuration> element")) {
            try EwpReader.read(url: noConfiguration, projectRoot: project.root)
        }
        let wrongRoot = try project.write("b.ewp", "<workspace><project/></workspace>")
        #expect(throws: H7Error.input("b.ewp: root element is <workspace>, not <project>")) {
            try EwpReader.read(url: wrongRoot, projectRoot: project.root)
        }
        let broken = try project.write("c.ewp", "<project>\n  <configuration>\n    <name>x</name>\n  </configuration>\n  <group>\n")
        #expect(throws: H7Error.self) { try EwpReader.read(url: broken, projectRoot: project.root) }
        do {
            _ = try EwpReader.read(url: broken, projectRoot: project.root)
        } catch let error as H7Error {
            #expect(error.message.hasPrefix("c.ewp: malformed XML at line "))
            #expect(!error.message.contains("\n"))
        }
    }

    /// Issue 23, item 16: XMLParser drops the text an entity stands for (an external one it does not read, an
    /// internal one too), and with it a `<state>` of the define list: H7-PWR-001 became H7-PWR-004. Refused in
    /// one line naming the file, the line and the entity.
    @Test(arguments: [("<!ENTITY ext SYSTEM \"defs.xml\">", "&ext;", "refers to another file (defs.xml), which h7lint does not read"),
                      ("<!ENTITY ext \"USE_HAL_DRIVER\">", "&ext;", "is declared in the DOCTYPE, which h7lint does not expand")])
    func declaredEntityIsRefused(declaration: String, reference: String, why: String) throws {
        let project = try TemporaryProject()
        let text = Self.ewp
            .replacingOccurrences(of: "<project>\n", with: "<!DOCTYPE project [\(declaration)]>\n<project>\n")
            .replacingOccurrences(of: "<state>USE_HAL_DRIVER</state>", with: "<state>\(reference)</state>")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(reference) }! + 1
        let url = try project.write("a.ewp", text)
        #expect(throws: H7Error.input("a.ewp:\(line): entity '\(reference)' \(why), so the values it holds are unknown: not read")) {
            try EwpReader.read(url: url, projectRoot: project.root)
        }
    }

    /// Character references and the predefined entities are XML's own and read as usual.
    @Test func characterReferencesAreRead() throws {
        let project = try TemporaryProject()
        let text = Self.ewp.replacingOccurrences(of: "<state>USE_PWR_DIRECT_SMPS_SUPPLY</state>", with: "<state>USE_PWR_&#68;IRECT_SMPS_SUPPLY</state>")
        let url = try project.write("a.ewp", text)
        let settings = try EwpReader.read(url: url, projectRoot: project.root)
        #expect(settings[0].defines.contains { $0.name == "USE_PWR_DIRECT_SMPS_SUPPLY" })
    }
}

