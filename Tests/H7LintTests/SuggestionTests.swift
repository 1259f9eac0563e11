import Foundation
import H7Model
import Testing

/// "Did you mean": close typos get the intended name, far ones nothing.
struct SuggestionTests {
    @Test func closeTyposOnly() {
        #expect(Suggestion.closest("H7-PWR-01", among: ["H7-PWR-001", "H7-CLK-001"]) == "H7-PWR-001")
        #expect(Suggestion.closest("chekc", among: ["check", "clocks", "init"]) == "check")
        #expect(Suggestion.closest("nucleo-h745zi-g", among: ["NUCLEO-H745ZI-Q", "NUCLEO-H743ZI"]) == "NUCLEO-H745ZI-Q")
        #expect(Suggestion.closest("firmware", among: ["check", "clocks", "init"]) == nil)
        #expect(Suggestion.didYouMean("xyz", among: ["check"]) == "")
    }

    @Test func commandLine() throws {
        let typo = try TestSupport.run(["chekc", "."])
        #expect(typo.status == 2 && typo.stderr == "h7lint: error: unknown command 'chekc' (did you mean 'check'?)\n", "\(typo.stderr)")
        let rule = try TestSupport.run(["check", "--select", "H7-PWR-01", "."])
        #expect(rule.status == 2 && rule.stderr.contains("(did you mean 'H7-PWR-001'?)"), "\(rule.stderr)")
        let version = try TestSupport.run(["version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("\(H7LintVersion.current) (knowledge "), "\(version.stderr)")
    }
}
