import H7Clang
import H7Model
import Testing

struct EvaluatorTests {
    let evaluator = TokenEvaluator(identifiers: ["PWR_CR3_LDOEN": 2, "PWR_CR3_SMPSEN": 4])

    @Test func evaluatesConstantExpressions() {
        #expect(evaluator.evaluate(["(", "PWR_CR3_LDOEN", "|", "0x10U", ")"]) == 0x12)
        #expect(evaluator.evaluate(["(", "uint32_t", ")", "1", "<<", "14"]) == 0x4000)
        #expect(evaluator.evaluate(["~", "PWR_CR3_SMPSEN", "&", "0xFF"]) == 0xFB)
        #expect(evaluator.evaluate(["2", "+", "3", "*", "4"]) == 14)
    }

    @Test func refusesWhatItCannotKnow() {
        #expect(evaluator.evaluate(["UNKNOWN_MACRO"]) == nil)
        #expect(evaluator.evaluate(["1", "/", "0"]) == nil)
        #expect(evaluator.evaluate(["(", "1"]) == nil)
    }

    @Test func globsMatchPartNumbers() {
        #expect(Glob.matches("STM32H745?I*", "STM32H745ZITX"))
        #expect(!Glob.matches("STM32H745?G*", "STM32H745ZITX"))
        #expect(Glob.matches("STM32H7A3????Q*", "STM32H7A3ZITXQ"))
    }
}
