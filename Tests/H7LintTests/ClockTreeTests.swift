import Foundation
import H7Model
@testable import H7Rules
import Testing

/// The clock arithmetic against values computed by hand.
struct ClockTreeTests {
    static func pll(_ m: Int, _ n: Int, _ p: Int, q: Int = 4, r: Int = 2, frac: Int = 0, range: Int = 1) -> PLLSettings {
        var s = PLLSettings(index: 1)
        s.enabled = .fixed(true, "on")
        (s.m, s.n, s.p, s.q, s.r, s.fracn) = (.fixed(m, "M"), .fixed(n, "N"), .fixed(p, "P"), .fixed(q, "Q"), .fixed(r, "R"), .fixed(frac, "F"))
        s.inputRange = .fixed(range, "RGE")
        s.vcoRange = .fixed(.wide, "wide")
        return s
    }

    static func inputs(hse: Double? = 8e6, source: ClockSource = .hse, pll: PLLSettings, ahb: Int = 2, apb: Int = 2) -> ClockInputs {
        var i = ClockInputs()
        if let hse { i.hseHz = .fixed(hse, "HSE") }
        i.pllSource = .fixed(source, "src")
        i.plls[0] = pll
        i.sysclkSource = .fixed(.pll1, "PLL1")
        i.cpuDivider = .fixed(1, "/1")
        i.ahbDivider = .fixed(ahb, "ahb")
        (i.apb1Divider, i.apb2Divider, i.apb3Divider, i.apb4Divider) = (.fixed(apb, "a"), .fixed(apb, "a"), .fixed(apb, "a"), .fixed(apb, "a"))
        return i
    }

    @Test func nucleoH743At400MHz() {
        // 8 MHz / 4 = 2 MHz; x 400 = 800 MHz; /2 = 400 MHz; Q /4 = 200 MHz; HCLK /2 = 200; APB /2 = 100.
        let tree = ClockTree(label: "t", inputs: Self.inputs(pll: Self.pll(4, 400, 2)))
        #expect(tree.pll(1).reference.mhz == 2)
        #expect(tree.pll(1).vco.mhz == 800)
        #expect(tree.pll(1).q.mhz == 200)
        #expect(tree.sysclk.mhz == 400)
        #expect(tree.cpu.mhz == 400)
        #expect(tree.hclk.mhz == 200)
        #expect(tree.apb1.mhz == 100 && tree.apb4.mhz == 100)
    }

    @Test func fractionalPLL() {
        // 25 MHz / 5 = 5 MHz; x (110 + 3072/8192 = 110.375) = 551.875 MHz; P 1.
        let tree = ClockTree(label: "t", inputs: Self.inputs(hse: 25e6, pll: Self.pll(5, 110, 1, frac: 3072, range: 2)))
        #expect(tree.pll(1).vco.mhz == 551.875)
        #expect(tree.cpu.mhz == 551.875)
        #expect(ClockValue.hz(551_875_000).text == "551.875 MHz")
    }

    @Test func hsiDividerFeedsThePLL() {
        // HSI 64 MHz / 2 = 32 MHz; / M 16 = 2 MHz; x 280 = 560 MHz; / 2 = 280 MHz.
        var i = Self.inputs(hse: nil, source: .hsi, pll: Self.pll(16, 280, 2), ahb: 1)
        i.hsiDivider = .fixed(2, "RCC_HSI_DIV2")
        let tree = ClockTree(label: "t", inputs: i)
        #expect(tree.hsi.mhz == 32)
        #expect(tree.pll(1).reference.mhz == 2)
        #expect(tree.hclk.mhz == 280)
    }

    @Test func unknownInputsStayUnknownWithTheirReason() {
        var pll = Self.pll(4, 400, 2)
        pll.n = .unset("RCC_OscInitStruct.PLL.PLLN not set before HAL_RCC_OscConfig")
        let tree = ClockTree(label: "t", inputs: Self.inputs(pll: pll))
        #expect(tree.pll(1).reference.mhz == 2)
        #expect(tree.cpu.mhz == nil)
        #expect(tree.apb2.reason?.contains("PLLN not set") == true)
        let noHSE = ClockTree(label: "t", inputs: Self.inputs(hse: nil, pll: Self.pll(4, 400, 2)))
        #expect(noHSE.sysclk.mhz == nil)
    }

    @Test func flashTablesPerLine() throws {
        let k = TestSupport.knowledge
        func minimum(_ define: String, _ hclk: Double, _ vos: Int) throws -> Int? {
            let line = try #require(k.device(define: define)).line
            return ClockLimits.flashLatency(hclkMHz: hclk, vos: vos, line: line).minimum
        }
        #expect(try minimum("STM32H743xx", 200, 1) == 2)   // RM0433: 185 < 200 <= 210
        #expect(try minimum("STM32H743xx", 240, 0) == 4)   // 225 < 240 <= 240
        #expect(try minimum("STM32H7A3xxQ", 280, 0) == 6)  // RM0455: 252 < 280 <= 280
        #expect(try minimum("STM32H7A3xxQ", 140, 0) == 3)  // 126 < 140 <= 168
        #expect(try minimum("STM32H723xx", 260, 0) == 3)   // RM0468: 210 < 260 <= 275
        #expect(try minimum("STM32H743xx", 250, 3) == nil) // above every VOS3 row (225)
    }

    @Test func limitsAndMargins() throws {
        let line = try #require(TestSupport.knowledge.device(define: "STM32H743xx")).line
        let tree = ClockTree(label: "t", inputs: Self.inputs(pll: Self.pll(4, 400, 2), ahb: 1))
        let checks = ClockLimits.busChecks(tree, line: line, vos: 1)
        let hclk = try #require(checks.first { $0.node == "hclk" })
        #expect(hclk.isViolated && hclk.marginMHz == -200)
        #expect(checks.first { $0.node == "cpu" }?.marginMHz == 0)
        let pll = ClockLimits.pllChecks(tree.pll(1), line: line)
        #expect(pll.map(\.isViolated) == [false, false])
        #expect(pll.last?.maxMHz == 960)
    }

    @Test func decoderReadsNamesAndValues() {
        let table = TestSupport.knowledge.identifiers.values(features: ["RM0433", "d3cr", "oden"])
        let d = ClockDecoder(table: table)
        func op(_ s: String, _ v: Int? = nil) -> Operand { Operand(spelled: s, value: v, range: SourceRange(file: "m.c", line: 1)) }
        #expect(d.numbered(op("RCC_HCLK_DIV4"), prefixes: ClockDecoder.ahbPrefixes).value == 4)
        #expect(d.numbered(op("LL_RCC_APB1_DIV_2"), prefixes: ClockDecoder.apbPrefixes(1)).value == 2)
        #expect(d.numbered(op("(0x8UL)", table["RCC_HCLK_DIV2"]), prefixes: ClockDecoder.ahbPrefixes).value == 2)
        #expect(d.choice(op("LL_RCC_PLLINPUTRANGE_4_8"), ClockDecoder.inputRanges(1)).value == 2)
        #expect(d.choice(op("x", table["RCC_PLL1VCIRANGE_3"]), ClockDecoder.inputRanges(1)).value == 3)
        #expect(d.choice(op("RCC_HSE_BYPASS"), ClockDecoder.hseStates).value == .bypass)
        #expect(d.choice(op("mystery", nil), ClockDecoder.hseStates).value == nil)
    }

    @Test func iocTreeUsesDocumentedDefaultsOnly() throws {
        let keys = ["Mcu.UserName=STM32H743ZITx", "RCC.DIVM1=4", "RCC.DIVN1=400", "RCC.HSE_VALUE=8000000",
                    "RCC.PLLSourceVirtual=RCC_PLLSOURCE_HSE", "RCC.SYSCLKSource=RCC_SYSCLKSOURCE_PLLCLK", "RCC.HPRE=RCC_HCLK_DIV2"]
        let ioc = IocFile(file: "a.ioc", entries: keys.enumerated().map { i, text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            return IocEntry(key: parts[0], value: parts[1], line: i + 1)
        })
        let clocks = try #require(IocClocks(ioc: ioc))
        #expect(clocks.tree.sysclk.mhz == 400)   // DIVP1 absent: 2
        #expect(clocks.tree.hclk.mhz == 200)
        #expect(clocks.tree.apb1.mhz == 200)     // D2PPRE1 absent: 1
        #expect(clocks.lines["RCC.DIVN1"] == 3)
        let noHSE = IocFile(file: "b.ioc", entries: [IocEntry(key: "RCC.DIVM1", value: "4", line: 1)])
        #expect(IocClocks(ioc: noHSE)?.tree.hse.mhz == nil)
    }
}
