import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct MxprojectReaderTests {
    static let dualCore = """
    [CortexM7:PreviousLibFiles]
    LibFiles=Drivers\\STM32H7xx_HAL_Driver\\Inc\\stm32h7xx_hal_pwr_ex.h;Drivers\\STM32H7xx_HAL_Driver\\Src\\stm32h7xx_hal_pwr_ex.c;

    [CortexM7:PreviousUsedCubeIDEFiles]
    SourceFiles=CM7\\Core\\Src\\main.c;CM7\\Core\\Src\\stm32h7xx_it.c;Drivers\\STM32H7xx_HAL_Driver\\Src\\stm32h7xx_hal_pwr_ex.c;CM7\\Core\\Src\\main.c;;;
    HeaderPath=Drivers\\STM32H7xx_HAL_Driver\\Inc;Drivers\\CMSIS\\Include;CM7\\Core\\Inc;Drivers\\STM32H7xx_HAL_Driver\\Inc;
    CDefines=CORE_CM7;USE_PWR_LDO_SUPPLY;USE_HAL_DRIVER;STM32H755xx;USE_PWR_LDO_SUPPLY;USE_HAL_DRIVER;USE_HAL_DRIVER;

    [CortexM4:PreviousUsedCubeIDEFiles]
    SourceFiles=CM4\\Core\\Src\\main.c;;;
    HeaderPath=Drivers\\STM32H7xx_HAL_Driver\\Inc;CM4\\Core\\Inc;
    CDefines=USE_PWR_LDO_SUPPLY;USE_HAL_DRIVER;STM32H755xx;

    [PreviousGenFiles]
    AdvancedFolderStructure=true
    HeaderFileListSize=1
    HeaderFiles#0=../CM7/Core/Inc/main.h
    HeaderPath#0=../CM7/Core/Inc
    HeaderFiles=;

    [PreviousUsedKeilFiles]
    SourceFiles=..\\Core\\Src\\main.c;..\\Drivers/STM32H7xx_HAL_Driver/Src/stm32h7xx_hal.c;;
    HeaderPath=..\\Drivers\\STM32H7xx_HAL_Driver\\Inc;..\\Core\\Inc;
    CDefines=USE_HAL_DRIVER;STM32H743xx;HSE_VALUE=8000000;USE_HAL_DRIVER;

    [ThirdPartyIp]
    ThirdPartyIpNumber=0

    """

    @Test func readsSectionsWithDefines() throws {
        let project = try TemporaryProject()
        let url = try project.write(".mxproject", Self.dualCore)
        let settings = try MxprojectReader.read(url: url, projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["PreviousUsedCubeIDEFiles", "PreviousUsedCubeIDEFiles", "PreviousUsedKeilFiles"])
        let cm7 = settings[0]
        #expect(cm7.origin == .mxproject)
        #expect(cm7.file == ".mxproject")
        #expect(cm7.core == .cm7)
        #expect(cm7.defines == [
            Define(name: "CORE_CM7", line: 7),
            Define(name: "USE_PWR_LDO_SUPPLY", line: 7),
            Define(name: "USE_HAL_DRIVER", line: 7),
            Define(name: "STM32H755xx", line: 7),
        ])
        #expect(cm7.includePaths == [project.path("Drivers/STM32H7xx_HAL_Driver/Inc"), project.path("Drivers/CMSIS/Include"),
                                     project.path("CM7/Core/Inc")])
        #expect(cm7.sources == [project.path("CM7/Core/Src/main.c"), project.path("CM7/Core/Src/stm32h7xx_it.c"),
                                project.path("Drivers/STM32H7xx_HAL_Driver/Src/stm32h7xx_hal_pwr_ex.c")])
        let cm4 = settings[1]
        #expect(cm4.core == .cm4)
        #expect(cm4.defineNames == ["USE_PWR_LDO_SUPPLY", "USE_HAL_DRIVER", "STM32H755xx"])
        #expect(cm4.define(named: "STM32H755xx")?.line == 12)
        let keil = settings[2]
        #expect(keil.core == nil)
        #expect(keil.define(named: "HSE_VALUE") == Define(name: "HSE_VALUE", value: "8000000", line: 24))
        #expect(keil.includePaths == [project.path("Drivers/STM32H7xx_HAL_Driver/Inc"), project.path("Core/Inc")])
        #expect(keil.sources == [project.path("Core/Src/main.c"), project.path("Drivers/STM32H7xx_HAL_Driver/Src/stm32h7xx_hal.c")])
    }

    @Test func fileWithoutDefinesGivesNothing() throws {
        let project = try TemporaryProject()
        let url = try project.write("CM7/.mxproject", "[PreviousGenFiles]\r\nHeaderPath=E:/work/Inc\r\nSourceFiles=main.c;\r\n")
        #expect(try MxprojectReader.read(url: url, projectRoot: project.root).isEmpty)
    }

    @Test func malformedFiles() throws {
        let project = try TemporaryProject()
        let garbage = try project.write("a/.mxproject", "[PreviousLibFiles]\nLibFiles=a.h;\nthis line is not an entry\n")
        #expect(throws: H7Error.input("a/.mxproject: expected [section] or key=value at line 3")) {
            try MxprojectReader.read(url: garbage, projectRoot: project.root)
        }
        let noSection = try project.write("b/.mxproject", "CDefines=STM32H743xx;\n")
        #expect(throws: H7Error.input("b/.mxproject: expected [section] or key=value at line 1")) {
            try MxprojectReader.read(url: noSection, projectRoot: project.root)
        }
        let binary = try project.write("c/.mxproject", bytes: [0x5B, 0x00, 0x5D])
        #expect(throws: H7Error.input("c/.mxproject: binary file (contains NUL bytes)")) {
            try MxprojectReader.read(url: binary, projectRoot: project.root)
        }
    }
}
