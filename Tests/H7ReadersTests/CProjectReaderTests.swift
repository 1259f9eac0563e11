import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct CProjectReaderTests {
    /// One Debug and one Release configuration, shaped like an STM32CubeIDE dual-core CM7 project.
    static func cproject(board: String = "NUCLEO-H755ZI-Q") -> String {
        func configuration(_ name: String, id: String, extraDefine: String) -> String {
            """
            \t\t<cconfiguration id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.\(id)">
            \t\t\t<storageModule buildSystemId="org.eclipse.cdt.managedbuilder.core.configurationDataProvider" id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.\(id)" moduleId="org.eclipse.cdt.core.settings" name="\(name)">
            \t\t\t\t<externalSettings/>
            \t\t\t</storageModule>
            \t\t\t<storageModule moduleId="cdtBuildSystem" version="4.0.0">
            \t\t\t\t<configuration artifactExtension="elf" artifactName="${ProjName}" cleanCommand="rm -rf" description="" id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.\(id)" name="\(name)" parent="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe">
            \t\t\t\t\t<folderInfo id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.\(id)." name="/" resourcePath="">
            \t\t\t\t\t\t<toolChain id="com.st.stm32cube.ide.mcu.gnu.managedbuild.toolchain.exe.1" name="MCU ARM GCC" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.toolchain.exe">
            \t\t\t\t\t\t\t<option id="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.target_mcu.11" name="MCU" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.target_mcu" value="STM32H755ZITx" valueType="string"/>
            \t\t\t\t\t\t\t<option id="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.target_board.12" name="Board" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.target_board" value="\(board)" valueType="string"/>
            \t\t\t\t\t\t\t<option id="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.defaults.13" name="Defaults" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.option.defaults" value="com.st.stm32cube.ide.common.services.build.inputs.revA.1.0.6 || \(name) || true || Executable || ../Core/Inc || CORE_CM7 | USE_HAL_DRIVER | STM32H755xx ||" valueType="string"/>
            \t\t\t\t\t\t\t<builder buildPath="${workspace_loc:/dual_CM7}/\(name)" id="com.st.stm32cube.ide.mcu.gnu.managedbuild.builder.14" managedBuildOn="true" name="Gnu Make Builder" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.builder"/>
            \t\t\t\t\t\t\t<tool id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.assembler.15" name="MCU GCC Assembler" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.assembler">
            \t\t\t\t\t\t\t\t<option id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.assembler.option.definedsymbols.16" name="Define symbols (-D)" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.assembler.option.definedsymbols" valueType="definedSymbols">
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="ASSEMBLER_ONLY"/>
            \t\t\t\t\t\t\t\t</option>
            \t\t\t\t\t\t\t</tool>
            \t\t\t\t\t\t\t<tool id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.17" name="MCU GCC Compiler" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler">
            \t\t\t\t\t\t\t\t<option IS_BUILTIN_EMPTY="false" IS_VALUE_EMPTY="false" id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.option.definedsymbols.18" name="Define symbols (-D)" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.option.definedsymbols" valueType="definedSymbols">
            \(extraDefine)\t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="CORE_CM7"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="USE_HAL_DRIVER"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="STM32H755xx"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="USE_PWR_LDO_SUPPLY"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="&quot;LOG_TAG=cm7&quot;"/>
            \t\t\t\t\t\t\t\t</option>
            \t\t\t\t\t\t\t\t<option IS_BUILTIN_EMPTY="false" IS_VALUE_EMPTY="false" id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.option.includepaths.19" name="Include paths (-I)" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.option.includepaths" valueType="includePath">
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="../Core/Inc"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="../../Drivers/STM32H7xx_HAL_Driver/Inc"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="&quot;${workspace_loc:/${ProjName}/Middlewares/Inc}&quot;"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="${workspace_loc:/dual_CM7/App}"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="${ProjDirPath}/Extra"/>
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="${gnu_tools_for_stm32_compiler_path}/include"/>
            \t\t\t\t\t\t\t\t</option>
            \t\t\t\t\t\t\t</tool>
            \t\t\t\t\t\t\t<tool id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.cpp.compiler.20" name="MCU G++ Compiler" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.cpp.compiler">
            \t\t\t\t\t\t\t\t<option id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.cpp.compiler.option.definedsymbols.21" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.cpp.compiler.option.definedsymbols" valueType="definedSymbols">
            \t\t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="CPP_ONLY"/>
            \t\t\t\t\t\t\t\t</option>
            \t\t\t\t\t\t\t</tool>
            \t\t\t\t\t\t</toolChain>
            \t\t\t\t\t</folderInfo>
            \t\t\t\t\t<folderInfo id="com.st.stm32cube.ide.mcu.gnu.managedbuild.config.exe.\(id).22" name="/" resourcePath="Core/Src">
            \t\t\t\t\t\t<tool id="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.23" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler">
            \t\t\t\t\t\t\t<option id="x.24" superClass="com.st.stm32cube.ide.mcu.gnu.managedbuild.tool.c.compiler.option.definedsymbols" valueType="definedSymbols">
            \t\t\t\t\t\t\t\t<listOptionValue builtIn="false" value="FOLDER_ONLY"/>
            \t\t\t\t\t\t\t</option>
            \t\t\t\t\t\t</tool>
            \t\t\t\t\t</folderInfo>
            \t\t\t\t</configuration>
            \t\t\t</storageModule>
            \t\t</cconfiguration>

            """
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            + "<?fileVersion 4.0.0?><cproject storage_type_id=\"org.eclipse.cdt.core.XmlProjectDescriptionStorage\">\n"
            + "\t<storageModule moduleId=\"org.eclipse.cdt.core.settings\">\n"
            + configuration("Debug", id: "debug.101", extraDefine: "\t\t\t\t\t\t\t\t\t<listOptionValue builtIn=\"false\" value=\"DEBUG\"/>\n")
            + configuration("Release", id: "release.202", extraDefine: "")
            + "\t</storageModule>\n</cproject>\n"
    }

    static let dotProject = """
    <?xml version="1.0" encoding="UTF-8"?>
    <projectDescription>
    \t<name>dual_CM7</name>
    \t<comment></comment>
    </projectDescription>

    """

    @Test func readsEachConfiguration() throws {
        let project = try TemporaryProject()
        let url = try project.write("CM7/.cproject", Self.cproject())
        try project.write("CM7/.project", Self.dotProject)
        let settings = try CProjectReader.read(url: url, projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["Debug", "Release"])
        let debug = settings[0]
        #expect(debug.origin == .cproject)
        #expect(debug.file == "CM7/.cproject")
        #expect(debug.partName == "STM32H755ZITx")
        #expect(debug.boardName == "NUCLEO-H755ZI-Q")
        #expect(debug.core == .cm7)
        let text = Self.cproject()
        #expect(line(of: "value=\"DEBUG\"", in: text) == 23)
        #expect(debug.defines == [
            Define(name: "DEBUG", line: 23),
            Define(name: "CORE_CM7", line: 24),
            Define(name: "USE_HAL_DRIVER", line: 25),
            Define(name: "STM32H755xx", line: 26),
            Define(name: "USE_PWR_LDO_SUPPLY", line: 27),
            Define(name: "LOG_TAG", value: "cm7", line: 28),
        ])
        #expect(debug.includePaths == [
            project.path("CM7/Core/Inc"),
            project.path("Drivers/STM32H7xx_HAL_Driver/Inc"),
            project.path("CM7/Middlewares/Inc"),
            project.path("CM7/App"),
            project.path("CM7/Extra"),
        ])
        let release = settings[1]
        #expect(release.defineNames == ["CORE_CM7", "USE_HAL_DRIVER", "STM32H755xx", "USE_PWR_LDO_SUPPLY", "LOG_TAG"])
        #expect(release.includePaths == debug.includePaths)
        #expect(release.define(named: "CORE_CM7")?.line == line(of: "value=\"CORE_CM7\"", in: text, occurrence: 2))
        #expect(release.define(named: "CORE_CM7")?.line == 75)
    }

    @Test func otherWorkspaceProjectIsASiblingFolder() throws {
        let project = try TemporaryProject()
        let url = try project.write("CM7/.cproject", Self.cproject(board: "custom"))
        let settings = try CProjectReader.read(url: url, projectRoot: project.root)
        #expect(settings[0].boardName == "custom")
        #expect(settings[0].includePaths.contains(project.path("dual_CM7/App")))
    }

    @Test func malformedXML() throws {
        let project = try TemporaryProject()
        var broken = Self.cproject()
        broken = broken.replacingOccurrences(of: "</folderInfo>\n\t\t\t\t\t<folderInfo", with: "</folderInf>\n\t\t\t\t\t<folderInfo")
        let url = try project.write("CM4/.cproject", broken)
        #expect(line(of: "</folderInf>", in: broken) == 45)
        #expect(throws: H7Error.input("CM4/.cproject: malformed XML at line 45: mismatched closing tag")) {
            try CProjectReader.read(url: url, projectRoot: project.root)
        }
        let truncated = try project.write("T/.cproject", String(Self.cproject().prefix(900)))
        #expect(throws: H7Error.self) { try CProjectReader.read(url: truncated, projectRoot: project.root) }
        let wrongRoot = try project.write("W/.cproject", "<?xml version=\"1.0\"?>\n<projectDescription><name>x</name></projectDescription>\n")
        #expect(throws: H7Error.input("W/.cproject: root element is <projectDescription>, not <cproject>")) {
            try CProjectReader.read(url: wrongRoot, projectRoot: project.root)
        }
        let empty = try project.write("E/.cproject", "<cproject>\n</cproject>\n")
        #expect(throws: H7Error.input("E/.cproject: no <cconfiguration> element")) {
            try CProjectReader.read(url: empty, projectRoot: project.root)
        }
        let blank = try project.write("B/.cproject", "\n")
        #expect(throws: H7Error.input("B/.cproject: empty file")) {
            try CProjectReader.read(url: blank, projectRoot: project.root)
        }
    }

    /// Issue 23, item 16: libxml2 takes at most 10 MB in one piece; a well-formed `.cproject` of 14 MB (a long
    /// include list) was called malformed. It is read whole.
    @Test func largeWellFormedFileIsRead() throws {
        let project = try TemporaryProject()
        let padding = String(repeating: "<storageModule moduleId=\"padding\" value=\"\(String(repeating: "x", count: 60))\"/>\n", count: 150_000)
        let opening = "XmlProjectDescriptionStorage\">\n"
        let text = Self.cproject().replacingOccurrences(of: opening, with: opening + padding)
        #expect(text.utf8.count > 14_000_000)
        let url = try project.write(".cproject", text)
        let settings = try CProjectReader.read(url: url, projectRoot: project.root)
        #expect(settings.count == 2)
        #expect(settings[0].defines.contains { $0.name == "CORE_CM7" })
    }
}

