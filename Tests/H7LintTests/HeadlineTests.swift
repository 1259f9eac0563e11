import H7Model
import Testing

/// The short message of `--format concise`: the first clause, asides dropped, calls kept, bounded.
struct HeadlineTests {
    @Test func firstClauseWithoutAsides() {
        #expect(MessageText.headline("supply set to ldo (PWR_LDO_SUPPLY) but board X is wired for direct-smps; the MCU locks up")
                == "supply set to ldo but board X is wired for direct-smps")
        #expect(MessageText.headline("the result of HAL_PWREx_ConfigSupply() is ignored: if the supply was locked")
                == "the result of HAL_PWREx_ConfigSupply() is ignored")
        #expect(MessageText.headline("HAL_X(PWR_LDO_SUPPLY) sets it (see: RM0399) — more") == "HAL_X(PWR_LDO_SUPPLY) sets it")
        #expect(MessageText.headline("APB1 120 MHz (maximum 100 MHz), APB2 120 MHz (maximum 100 MHz) at VOS1")
                == "APB1 120 MHz, APB2 120 MHz at VOS1")
    }

    @Test func longClauseIsCutAtAWord() {
        let long = MessageText.headline(String(repeating: "word ", count: 40))
        #expect(long.count <= MessageText.headlineLimit && long.hasSuffix("word…"))
    }

    @Test func aRulesOwnHeadlineWins() {
        var finding = Finding(ruleID: "H7-CLK-001", severity: .error, message: "CPU clock 416 MHz at VOS1 on STM32H743xx (RM0433) is above the 400 MHz limit of that voltage scale", range: nil)
        #expect(finding.short == "CPU clock 416 MHz at VOS1 on STM32H743xx is above the 400 MHz limit of…")
        finding.headline = "CPU clock 416 MHz above VOS1's 400 MHz"
        #expect(finding.short == "CPU clock 416 MHz above VOS1's 400 MHz")
    }
}
