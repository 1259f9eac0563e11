import H7Model
import Testing
@testable import H7Readers

@Suite struct IocPinsTests {
    @Test func groupsPinKeysAndNormalizesNames() throws {
        let ioc = try IocReader.parse(text: IocReaderTests.dualCore, file: "blinky.ioc")
        let pins = ioc.pins
        #expect(pins.map(\.name) == ["PC14", "PA13", "PA14", "PB0", "PH0"])
        let pa13 = try #require(pins.first { $0.name == "PA13" })
        #expect(pa13.originalName == "PA13 (JTMS/SWDIO)")
        #expect(pa13.signal == "DEBUG_JTMS-SWDIO")
        #expect(pa13.mode == "Serial_Wire")
        #expect(pa13.context == "CortexM7")
        #expect(pa13.line == 22)
        let pb0 = try #require(pins.first { $0.name == "PB0" })
        #expect(pb0.label == "LD1 [Green Led]")
        #expect(pb0.context == "CortexM4")
        #expect(pb0.signal == "GPIO_Output")
        let ph0 = try #require(pins.first { $0.name == "PH0" })
        #expect(ph0.originalName == "PH0-OSC_IN (PH0)")
        #expect(ph0.mode == "HSE-External-Clock-Source")
        let pc14 = try #require(pins.first { $0.name == "PC14" })
        #expect(pc14.originalName == "PC14-OSC32_IN (OSC32_IN)")
        #expect(pc14.signal == nil)
        #expect(pc14.line == 13)
        #expect(!pins.contains { $0.name.hasPrefix("VP") })
    }

    @Test func acceptsEveryPinSpelling() throws {
        let text = """
        File.Version=6
        Mcu.Pin0=PA13(JTMS/SWDIO)
        Mcu.Pin1=PA14
        Mcu.Pin2=PC2_C
        Mcu.Pin3=VP_SYS_VS_tim6
        PA13(JTMS/SWDIO).Mode=Serial_Wire
        PA13(JTMS/SWDIO).Signal=DEBUG_JTMS-SWDIO
        PA14.Signal=DEBUG_JTCK-SWCLK
        PB3(JTDO/TRACESWO).Signal=DEBUG_JTDO-SWO
        PC2_C.Signal=ADCx_INP0
        PCLK.Freq=1
        PK1.Signal=GPIO_Input
        PWR.Setting=x
        """
        let pins = try IocReader.parse(text: text, file: "p.ioc").pins
        #expect(pins.map(\.name) == ["PA13", "PA14", "PB3", "PC2_C", "PK1"])
        #expect(pins[0].originalName == "PA13(JTMS/SWDIO)")
        #expect(pins[1].originalName == "PA14")
        #expect(pins[1].signal == "DEBUG_JTCK-SWCLK")
        #expect(pins[2].signal == "DEBUG_JTDO-SWO")
        #expect(pins[3].signal == "ADCx_INP0")
    }

    @Test func normalizedPinName() {
        #expect(IocFile.normalizedPinName("PA13 (JTMS/SWDIO)") == "PA13")
        #expect(IocFile.normalizedPinName("PA13(JTMS/SWDIO)") == "PA13")
        #expect(IocFile.normalizedPinName("PA13") == "PA13")
        #expect(IocFile.normalizedPinName("PH0-OSC_IN (PH0)") == "PH0")
        #expect(IocFile.normalizedPinName("PC14-OSC32_IN") == "PC14")
        #expect(IocFile.normalizedPinName("PA0_C") == "PA0_C")
        #expect(IocFile.normalizedPinName("PL1") == nil)
        #expect(IocFile.normalizedPinName("PA") == nil)
        #expect(IocFile.normalizedPinName("PA1X") == nil)
        #expect(IocFile.normalizedPinName("VP_SYS_VS_Systick") == nil)
    }
}
