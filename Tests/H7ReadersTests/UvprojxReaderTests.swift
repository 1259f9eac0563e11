import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct UvprojxReaderTests {
    static func target(_ name: String, device: String, defines: String, includes: String, misc: String = "") -> String {
        """
            <Target>
              <TargetName>\(name)</TargetName>
              <ToolsetNumber>0x4</ToolsetNumber>
              <ToolsetName>ARM-ADS</ToolsetName>
              <TargetOption>
                <TargetCommonOption>
                  <Device>\(device)</Device>
                  <Vendor>STMicroelectronics</Vendor>
                  <PackID>Keil.STM32H7xx_DFP.3.1.1</PackID>
                </TargetCommonOption>
                <TargetArmAds>
                  <Cads>
                    <interw>1</interw>
                    <VariousControls>
                      <MiscControls>\(misc)</MiscControls>
                      <Define>\(defines)</Define>
                      <Undefine></Undefine>
                      <IncludePath>\(includes)</IncludePath>
                    </VariousControls>
                  </Cads>
                  <Aads>
                    <VariousControls>
                      <MiscControls></MiscControls>
                      <Define>ASM_ONLY</Define>
                      <IncludePath></IncludePath>
                    </VariousControls>
                  </Aads>
                </TargetArmAds>
              </TargetOption>
              <Groups>
                <Group>
                  <GroupName>Application/User/Core</GroupName>
                  <Files>
                    <File>
                      <FileName>main.c</FileName>
                      <FileType>1</FileType>
                      <FilePath>../\(name.hasSuffix("CM7") ? "CM7" : "CM4")/Core/Src/main.c</FilePath>
                    </File>
                    <File>
                      <FileName>unused.c</FileName>
                      <FileType>1</FileType>
                      <FilePath>../Core/Src/unused.c</FilePath>
                      <FileOption>
                        <CommonProperty>
                          <IncludeInBuild>0</IncludeInBuild>
                        </CommonProperty>
                      </FileOption>
                    </File>
                    <File>
                      <FileName>startup_stm32h745xx_CM7.s</FileName>
                      <FileType>2</FileType>
                      <FilePath>startup_stm32h745xx_CM7.s</FilePath>
                    </File>
                  </Files>
                </Group>
              </Groups>
            </Target>

        """
    }

    static let uvprojx = """
    <?xml version="1.0" encoding="UTF-8" standalone="no" ?>
    <Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="project_projx.xsd">
      <SchemaVersion>2.1</SchemaVersion>
      <Header>### uVision Project, (C) Keil Software</Header>
      <Targets>

    """ + target("dual_CM7", device: "STM32H745XIHx:CM7",
                 defines: "CORE_CM7,USE_HAL_DRIVER,STM32H745xx,USE_PWR_DIRECT_SMPS_SUPPLY",
                 includes: "../CM7/Core/Inc;..\\Drivers\\STM32H7xx_HAL_Driver\\Inc; ../Drivers/CMSIS/Include;",
                 misc: "--C99 -DEXTRA_FLAG=1")
        + target("dual_CM4", device: "STM32H745XIHx:CM4",
                 defines: "USE_HAL_DRIVER STM32H745xx", includes: "../CM4/Core/Inc")
        + "  </Targets>\n</Project>\n"

    @Test func readsEachTarget() throws {
        let project = try TemporaryProject()
        let url = try project.write("MDK-ARM/dual.uvprojx", Self.uvprojx)
        let settings = try UvprojxReader.read(url: url, projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["dual_CM7", "dual_CM4"])
        let cm7 = settings[0]
        let cm4 = settings[1]
        #expect(cm7.origin == .uvprojx)
        #expect(cm7.file == "MDK-ARM/dual.uvprojx")
        #expect(cm7.partName == "STM32H745XIHx")
        #expect(cm7.core == .cm7)
        #expect(cm4.core == .cm4)
        let defineLine = line(of: "<Define>CORE_CM7", in: Self.uvprojx)
        #expect(defineLine == 21)
        #expect(cm7.defines == [
            Define(name: "CORE_CM7", line: defineLine),
            Define(name: "USE_HAL_DRIVER", line: defineLine),
            Define(name: "STM32H745xx", line: defineLine),
            Define(name: "USE_PWR_DIRECT_SMPS_SUPPLY", line: defineLine),
            Define(name: "EXTRA_FLAG", value: "1", line: defineLine - 1),
        ])
        #expect(cm4.defineNames == ["USE_HAL_DRIVER", "STM32H745xx"])
        #expect(cm7.includePaths == [project.path("CM7/Core/Inc"), project.path("Drivers/STM32H7xx_HAL_Driver/Inc"),
                                     project.path("Drivers/CMSIS/Include")])
        #expect(cm4.includePaths == [project.path("CM4/Core/Inc")])
        #expect(cm7.sources == [project.path("CM7/Core/Src/main.c")])
        #expect(cm4.sources == [project.path("CM4/Core/Src/main.c")])
    }

    @Test func malformedProjects() throws {
        let project = try TemporaryProject()
        let noTargets = try project.write("a.uvprojx", "<Project><SchemaVersion>2.1</SchemaVersion></Project>")
        #expect(throws: H7Error.input("a.uvprojx: no <Targets><Target> element")) {
            try UvprojxReader.read(url: noTargets, projectRoot: project.root)
        }
        let legacy = try project.write("b.uvprojx", "<ProjectOpt><Target/></ProjectOpt>")
        #expect(throws: H7Error.input("b.uvprojx: root element is <ProjectOpt>, not <Project>")) {
            try UvprojxReader.read(url: legacy, projectRoot: project.root)
        }
        let broken = try project.write("c.uvprojx", "<Project>\n<Targets>\n<Target attr=\"x>\n</Targets>\n</Project>\n")
        #expect(throws: H7Error.input("c.uvprojx: malformed XML at line 4: '<' inside an attribute value")) {
            try UvprojxReader.read(url: broken, projectRoot: project.root)
        }
    }
}
