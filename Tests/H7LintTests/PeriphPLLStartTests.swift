import H7Model
@testable import H7Rules
import Testing

/// When HAL_RCCEx_PeriphCLKConfig starts PLL2/PLL3 (stm32h7xx_hal_rcc_ex.c @6f5e35e).
struct PeriphPLLStartTests {
    let table = TestSupport.knowledge.identifiers.values(features: [])

    func fields(_ pairs: [String: String]) -> [String: Operand] {
        pairs.mapValues { spelled in
            let value = spelled.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                .reduce(Int?.some(0)) { sum, name in sum.flatMap { s in table[name].map { s | $0 } } }
            return Operand(spelled: spelled, value: value, range: SourceRange(file: "main.c", line: 1))
        }
    }

    func start(_ pairs: [String: String], pll: Int) -> PeriphPLLStart.Start {
        PeriphPLLStart(fields: fields(pairs), table: table).start(pll: pll)
    }

    @Test func ltdcAndTheDivSelectorsStartTheirPLL() {
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_LTDC"], pll: 3) == .certain)
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_LTDC"], pll: 2) == .none)
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_PLL2_DIVR"], pll: 2) == .certain)
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_PLL3_DIVP | RCC_PERIPHCLK_CKPER"], pll: 3) == .certain)
    }

    /// A clock selection counts only when its peripheral's bit is selected, as in the HAL.
    @Test func aSelectionNeedsItsPeripheralBit() {
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_CKPER", "UsbClockSelection": "RCC_USBCLKSOURCE_PLL3"], pll: 3) == .none)
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_USB", "UsbClockSelection": "RCC_USBCLKSOURCE_PLL3"], pll: 3) == .certain)
        // USB selected but its source not read: it may start.
        #expect(start(["PeriphClockSelection": "RCC_PERIPHCLK_USB"], pll: 3) == .unconfirmed)
        // The mask unknown: as before, a read selection naming another source means no start.
        #expect(start(["PeriphClockSelection": "MY_PERIPHS", "UsbClockSelection": "RCC_USBCLKSOURCE_HSI48"], pll: 3) == .none)
        #expect(start(["PeriphClockSelection": "MY_PERIPHS"], pll: 3) == .unconfirmed)
    }
}
