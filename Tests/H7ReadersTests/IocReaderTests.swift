import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct IocReaderTests {
    static let dualCore = """
    #MicroXplorer Configuration settings - do not modify
    CortexM4.IPs=FREERTOS_M4\\:I,RCC,PWR
    CortexM7.IPs=RCC\\:I,PWR\\:I,SYS\\:I,NVIC1\\:I
    File.Version=6
    KeepUserPlacement=false
    Mcu.CPN=STM32H745ZIT6
    Mcu.Context0=CortexM7
    Mcu.Context1=CortexM4
    Mcu.ContextNb=2
    Mcu.Family=STM32H7
    Mcu.Name=STM32H745ZITx
    Mcu.Package=LQFP144
    Mcu.Pin0=PC14-OSC32_IN (OSC32_IN)
    Mcu.Pin1=PH0-OSC_IN (PH0)
    Mcu.Pin2=PA13 (JTMS/SWDIO)
    Mcu.Pin3=PA14 (JTCK/SWCLK)
    Mcu.Pin4=PB0
    Mcu.Pin5=VP_SYS_VS_Systick
    Mcu.PinsNb=6
    Mcu.UserName=STM32H745ZITx
    NVIC1.SysTick_IRQn=true\\:0\\:0\\:false\\:false\\:true\\:false\\:true
    PA13\\ (JTMS/SWDIO).Mode=Serial_Wire
    PA13\\ (JTMS/SWDIO).PinAttribute=CortexM7
    PA13\\ (JTMS/SWDIO).Signal=DEBUG_JTMS-SWDIO
    PA14\\ (JTCK/SWCLK).Mode=Serial_Wire
    PA14\\ (JTCK/SWCLK).Signal=DEBUG_JTCK-SWCLK
    PB0.ContextOwner=CortexM4
    PB0.GPIOParameters=GPIO_Label
    PB0.GPIO_Label=LD1 [Green Led]
    PB0.Locked=true
    PB0.Signal=GPIO_Output
    PH0-OSC_IN\\ (PH0).Mode=HSE-External-Clock-Source
    PH0-OSC_IN\\ (PH0).Signal=RCC_OSC_IN
    ProjectManager.ProjectStructure=M7\\:CortexM7 Project\\:true;M4\\:CortexM4 Project\\:true;
    RCC.PWR_Regulator_Voltage_Scale=PWR_REGULATOR_VOLTAGE_SCALE1
    RCC.SupplySource=PWR_DIRECT_SMPS_SUPPLY
    VP_SYS_VS_Systick.Mode=SysTick
    board=NUCLEO-H745ZI-Q

    """

    @Test func readsKeysValuesAndLines() throws {
        let ioc = try IocReader.parse(text: Self.dualCore, file: "blinky.ioc")
        #expect(ioc.file == "blinky.ioc")
        #expect(ioc.entries.count == 37)
        #expect(ioc.entries.first?.key == "CortexM4.IPs")
        #expect(ioc.entries.first?.line == 2)
        #expect(ioc.value("CortexM7.IPs") == "RCC:I,PWR:I,SYS:I,NVIC1:I")
        #expect(ioc.value("NVIC1.SysTick_IRQn") == "true:0:0:false:false:true:false:true")
        #expect(ioc.value("ProjectManager.ProjectStructure") == "M7:CortexM7 Project:true;M4:CortexM4 Project:true;")
        #expect(ioc.entry("PA13 (JTMS/SWDIO).Mode")?.line == 22)
        #expect(ioc.value("PB0.GPIO_Label") == "LD1 [Green Led]")
        #expect(ioc.partName == "STM32H745ZITx")
        #expect(ioc.board == "NUCLEO-H745ZI-Q")
        #expect(ioc.supplySource == "PWR_DIRECT_SMPS_SUPPLY")
        #expect(ioc.isDualCore)
        #expect(ioc.duplicateKeys.isEmpty)
    }

    @Test func handlesPropertiesEscapesAndLineEndings() throws {
        let text = "\u{FEFF}# comment\r\n! another comment\r\nFile.Version=6\r\n"
            + "Mcu.Name=STM32H743ZITx\rkey\\:with\\=escapes\\ and\\ spaces = value = with equals\n"
            + "Mcu.UserName : STM32H743\\\n      ZITx\n"
            + "RCC.Label=Temp \\u00b0C \\uD83D\\uDE00\\t!\n"
            + "Trailing=kept\\  \n"
            + "Backslash=C\\\\Users\\\\x\n"
            + "EmptyValue=\n"
            + "LonelyKey\n"
        let ioc = try IocReader.parse(text: text, file: "x.ioc")
        #expect(ioc.value("File.Version") == "6")
        #expect(ioc.line("File.Version") == 3)
        #expect(ioc.line("Mcu.Name") == 4)
        #expect(ioc.value("key:with=escapes and spaces") == "value = with equals")
        #expect(ioc.line("key:with=escapes and spaces") == 5)
        #expect(ioc.value("Mcu.UserName") == "STM32H743ZITx")
        #expect(ioc.line("RCC.Label") == 8)
        #expect(ioc.value("RCC.Label") == "Temp °C 😀\t!")
        #expect(ioc.value("Trailing") == "kept ")
        #expect(ioc.value("Backslash") == "C\\Users\\x")
        #expect(ioc.value("EmptyValue") == "")
        #expect(ioc.value("LonelyKey") == "")
    }

    @Test func recordsDuplicateKeysAndLastValueWins() throws {
        let text = "File.Version=6\nMcu.Name=A\nRCC.HSE_VALUE=8000000\nMcu.Name=B\nRCC.HSE_VALUE=25000000\nMcu.Name=C\n"
        let ioc = try IocReader.parse(text: text, file: "d.ioc")
        #expect(ioc.duplicateKeys == ["Mcu.Name", "RCC.HSE_VALUE"])
        #expect(ioc.value("Mcu.Name") == "C")
        #expect(ioc.line("Mcu.Name") == 6)
        #expect(ioc.entries.count == 6)
    }

    @Test func readsLatin1FileFromDisk() throws {
        let project = try TemporaryProject()
        var bytes = Array("File.Version=6\nMcu.Name=STM32H750VBTx\nPB0.GPIO_Label=Caf".utf8)
        bytes += [0xE9, 0x0A]
        let url = try project.write("latin.ioc", bytes: bytes)
        let ioc = try IocReader.read(url: url, file: "latin.ioc")
        #expect(ioc.value("PB0.GPIO_Label") == "Café")
    }

    @Test func rejectsInputsThatAreNotIocFiles() throws {
        #expect(throws: H7Error.input("e.ioc: empty file")) { try IocReader.parse(text: "  \n\r\n", file: "e.ioc") }
        #expect(throws: H7Error.input("c.ioc: no key=value lines, not a CubeMX .ioc file")) {
            try IocReader.parse(text: "#MicroXplorer Configuration settings - do not modify\n! only comments\n", file: "c.ioc")
        }
        #expect(throws: H7Error.input("p.ioc: no Mcu.* or File.Version key, not a CubeMX .ioc file")) {
            try IocReader.parse(text: "name=value\nother=1\n", file: "p.ioc")
        }
        #expect(throws: H7Error.input("b.ioc: binary file (contains NUL bytes), not a CubeMX .ioc file")) {
            try IocReader.parse(text: "File.Version=6\u{0}\n", file: "b.ioc")
        }
        let project = try TemporaryProject()
        let binary = try project.write("bin.ioc", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        #expect(throws: H7Error.input("bin.ioc: binary file (contains NUL bytes), not a CubeMX .ioc file")) {
            try IocReader.read(url: binary, file: "bin.ioc")
        }
        let empty = try project.write("empty.ioc", bytes: [])
        #expect(throws: H7Error.input("empty.ioc: empty file")) { try IocReader.read(url: empty, file: "empty.ioc") }
        #expect(throws: H7Error.input("missing.ioc: cannot read (file not found)")) {
            try IocReader.read(url: project.url("missing.ioc"), file: "missing.ioc")
        }
        #expect(throws: H7Error.input("dir: cannot read (is a directory)")) {
            try IocReader.read(url: project.root, file: "dir")
        }
    }

    /// A megabyte on one line is read whole, with the lines after it in place (its speed is the benchmark's).
    @Test func megabyteLineIsReadWhole() throws {
        let long = String(repeating: "RCC\\:I,", count: 150_000)
        let text = "File.Version=6\nCortexM7.IPs=\(long)\nMcu.Name=STM32H743ZITx\n"
        let ioc = try IocReader.parse(text: text, file: "big.ioc")
        #expect(ioc.value("CortexM7.IPs")?.count == 150_000 * 6)
        #expect(ioc.line("Mcu.Name") == 3)
    }
}
