import Foundation
@testable import H7Lint
import H7Model
import Testing

/// Discovery keeps the project's own build file: a vendored library's CMake or make build, and code for other
/// families, are not the project's.
struct VendoredBuildTests {
    static let cproject = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <?fileVersion 4.0.0?><cproject storage_type_id="org.eclipse.cdt.core.XmlProjectDescriptionStorage">
          <storageModule moduleId="org.eclipse.cdt.core.settings">
            <cconfiguration id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.debug.1">
              <storageModule moduleId="cdtBuildSystem" version="4.0.0">
                <configuration name="Debug" id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.debug.1">
                  <folderInfo id="f1" name="/" resourcePath="">
                    <toolChain id="t1" name="MCU ARM GCC">
                      <option id="o1" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.target_mcu" value="STM32H743ZITx" valueType="string"/>
                      <tool id="c1" name="MCU GCC Compiler" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler">
                        <option id="d1" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.option.definedsymbols" valueType="definedSymbols">
                          <listOptionValue builtIn="false" value="STM32H743xx"/>
                          <listOptionValue builtIn="false" value="USE_PWR_LDO_SUPPLY"/>
                        </option>
                      </tool>
                    </toolChain>
                  </folderInfo>
                </configuration>
              </storageModule>
            </cconfiguration>
          </storageModule>
        </cproject>
        """
    static let main = "void SystemClock_Config(void)\n{\n  HAL_RCC_OscConfig(0);\n}\n"

    /// The case: a CubeIDE project vendoring a FAT library with its own CMake build and STM32F4 ports.
    @Test func cubeIDEProjectWithVendoredLibrary() throws {
        let root = try DiscoveryTests.tree([
            ".cproject": Self.cproject,
            "Core/Src/main.c": Self.main,
            "FatLib/CMakeLists.txt": "project(fat C)\nadd_library(fat STATIC ff.c)\nadd_definitions(-DSTM32F407xx)\n",
            "FatLib/portable/STM32F4xx/port.c": "#error \"F4 only\"\n" + Self.main,
            "FatLib/tests/Makefile": "CFLAGS = -DSTM32F407xx\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(reports.count == 1)
        let core = try #require(reports.first?.project?.cores.first)
        #expect(core.settings?.origin == .cproject)
        #expect(core.parsedFiles == ["Core/Src/main.c"])
        #expect(core.defines.contains { $0.name == "USE_PWR_LDO_SUPPLY" })
        #expect(!reports[0].findings.contains { $0.ruleID == "H7-META-003" })
    }

    /// lib/, third_party/ and git submodules hold other people's builds, whatever the project's layout.
    @Test(arguments: ["lib/fatfs/CMakeLists.txt", "third_party/x/Makefile", "sub/CMakeLists.txt"])
    func vendoredPlaces(path: String) throws {
        let root = try DiscoveryTests.tree([
            "Core/Src/main.c": Self.main,
            "Makefile": "C_DEFS = -DSTM32H743xx\n",
            path: path.hasSuffix("Makefile") ? "C_DEFS = -DSTM32F407xx\n" : "project(x C)\nadd_executable(x x.c)\nadd_definitions(-DSTM32F407xx)\n",
            "sub/.git": "gitdir: ../.git/modules/sub\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        var notes: [String] = []
        let found = try ProjectFinder.find(path: root, reads: [], notes: &notes)
        #expect(found.count == 1)
        #expect(found[0].buildFiles.map(\.lastPathComponent) == ["Makefile"])
        #expect(notes.contains { $0.contains(path) && $0.contains("not the project's build file") })
    }

    /// CubeMX's own CMake layout (`cmake/stm32cubemx/CMakeLists.txt` builds an INTERFACE library) stays the
    /// project's, and a lone nested build file (the project's only one) is kept.
    @Test func ownLayoutsAreKept() throws {
        let cubemx = try DiscoveryTests.tree([
            "Core/Src/main.c": Self.main,
            "CMakeLists.txt": "project(app C)\nadd_executable(app)\nadd_subdirectory(cmake/stm32cubemx)\n",
            "cmake/stm32cubemx/CMakeLists.txt": "add_library(stm32cubemx INTERFACE)\ntarget_compile_definitions(stm32cubemx INTERFACE STM32H743xx)\n",
        ])
        defer { try? FileManager.default.removeItem(at: cubemx) }
        var notes: [String] = []
        let found = try ProjectFinder.find(path: cubemx, reads: [], notes: &notes)
        #expect(Set(found.flatMap(\.buildFiles).map { PathText.relative($0.path, to: cubemx.path) })
                == ["CMakeLists.txt", "cmake/stm32cubemx/CMakeLists.txt"])
    }

    @Test func otherFamilyFolders() {
        let top = "/p"
        #expect(ProjectFinder.otherFamilyFolder(URL(fileURLWithPath: "/p/lib/portable/STM32F4xx/a.c"), top: top) == "STM32F4xx")
        #expect(ProjectFinder.otherFamilyFolder(URL(fileURLWithPath: "/p/ports/stm32l4_port/a.c"), top: top) == "stm32l4_port")
        #expect(ProjectFinder.otherFamilyFolder(URL(fileURLWithPath: "/p/ports/STM32H7xx/a.c"), top: top) == nil)
        #expect(ProjectFinder.otherFamilyFolder(URL(fileURLWithPath: "/p/STM32H743_app/Core/Src/main.c"), top: top) == nil)
        // The checked folder itself may be named for another family: only folders below it count.
        #expect(ProjectFinder.otherFamilyFolder(URL(fileURLWithPath: "/stm32f4-app/Core/Src/main.c"), top: "/stm32f4-app") == nil)
    }
}
