import H7Model

/// Whether `HAL_RCCEx_PeriphCLKConfig` starts PLL2 or PLL3 for one init struct, as the HAL decides it
/// (stm32h7xx_hal_driver@6f5e35e Src/stm32h7xx_hal_rcc_ex.c): a peripheral's `*ClockSelection` is read only when
/// its `RCC_PERIPHCLK_*` bit is in `PeriphClockSelection` (e.g. line 114), LTDC starts PLL3 with no selection field
/// (1451-1453), and the `RCC_PERIPHCLK_PLLx_DIVy` selectors start their PLL directly (1578-1661).
struct PeriphPLLStart {
    enum Start: Equatable {
        case certain
        /// It may start: a peripheral that could use it is selected but its source was not read.
        case unconfirmed
        case none
    }

    let fields: [String: Operand]
    let table: [String: Int]

    /// Peripherals whose kernel clock cannot come from PLL2 or PLL3 (their HAL branches configure neither).
    static let withoutPLL2or3: Set = ["TIM", "CKPER", "RTC", "CEC", "HRTIM1"]

    /// Whether `RCC_PERIPHCLK_<name>` is in PeriphClockSelection; nil when that cannot be read.
    func selected(_ name: String) -> Bool? {
        guard let mask = fields["PeriphClockSelection"] else { return nil }
        let constant = "RCC_PERIPHCLK_" + name
        if let value = mask.value, let bit = table[constant] { return value & bit == bit }
        return mask.spelled.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).contains { $0 == constant } ? true : nil
    }

    /// `Sai1ClockSelection` -> `SAI1`, the peripheral its RCC_PERIPHCLK_ bit is named after.
    static func peripheral(ofField field: String) -> String? {
        guard field.hasSuffix("ClockSelection"), field != "PeriphClockSelection" else { return nil }
        return String(field.dropLast("ClockSelection".count)).uppercased()
    }

    func start(pll index: Int) -> Start {
        let direct = ["P", "Q", "R"].contains { selected("PLL\(index)_DIV\($0)") == true } || (index == 3 && selected("LTDC") == true)
        if direct { return .certain }
        let read = fields.compactMap { key, value in Self.peripheral(ofField: key).map { ($0, value) } }
        let active = read.filter { selected($0.0) != false }
        if active.contains(where: { $0.1.spelled.contains("PLL\(index)") }) { return .certain }
        guard fields["PeriphClockSelection"]?.value != nil else {
            // The selection mask is unknown: as before, a read selection that names another source means no start.
            return active.isEmpty ? .unconfirmed : .none
        }
        let readNames = Set(read.map(\.0))
        let unread = table.keys.filter { $0.hasPrefix("RCC_PERIPHCLK_") }.map { String($0.dropFirst("RCC_PERIPHCLK_".count)) }
            .filter { !$0.hasPrefix("PLL") && $0 != "LTDC" && !Self.withoutPLL2or3.contains($0) && !readNames.contains($0) }
        return unread.contains { selected($0) == true } ? .unconfirmed : .none
    }
}
