import Foundation
@testable import H7Lint
import H7Model
import Testing

/// C++ sources are parsed as C++: set-up code in `extern "C"`, namespaces, classes and lambdas is seen.
struct CxxSourceTests {
    static let ldoOnNucleo745 = [
        "app.ioc": "Mcu.Family=STM32H7\nMcu.UserName=STM32H745ZITx\nboard=NUCLEO-H745ZI-Q\n",
    ]

    /// The issue's case: `extern "C"` clock set-up in `src/clock.cpp` selecting the LDO on a direct-SMPS board.
    @Test func externCSystemClockConfigIsRead() throws {
        let root = try DiscoveryTests.tree(Self.ldoOnNucleo745.merging([
            "src/clock.cpp": """
                #include "main.h"
                extern "C" void SystemClock_Config(void)
                {
                  RCC_OscInitTypeDef osc = {0};
                  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);
                  osc.OscillatorType = RCC_OSCILLATORTYPE_HSE;
                  (void)osc;
                }
                """,
        ]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(TestSupport.summary(reports, level: .error) == ["H7-PWR-001 src/clock.cpp:5"])
        // The stand-in's declarations have C linkage in C++, so `extern "C"` agrees with them.
        let problems = reports[0].project?.cores.flatMap(\.sources).flatMap(\.problems).map(\.message) ?? []
        #expect(!problems.contains { $0.contains("language linkage") })
    }

    /// Blocks, namespaces, class methods (inline and out of line) and lambdas: every call is attributed.
    @Test func scopesAndLambdasAreWalked() throws {
        let root = try DiscoveryTests.tree(Self.ldoOnNucleo745.merging([
            "Core/Src/main.cc": """
                namespace board {
                struct Power {
                  static void supply() { HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY); }
                  void scale();
                };
                void Power::scale() { __HAL_PWR_VOLTAGESCALING_CONFIG(PWR_REGULATOR_VOLTAGE_SCALE1); }
                }
                extern "C" {
                void SystemClock_Config(void)
                {
                  auto start = [] { return HAL_RCC_OscConfig(nullptr); };
                  board::Power::supply();
                  (void)start();
                }
                }
                int main() { SystemClock_Config(); }
                """,
        ]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        let sources = reports[0].project?.cores.flatMap(\.sources) ?? []
        let functions = Set(sources.flatMap(\.functions).map(\.name))
        #expect(functions.isSuperset(of: ["supply", "scale", "SystemClock_Config", "main"]))
        let calls = sources.flatMap(\.calls).map { "\($0.name)@\($0.function ?? "-")" }
        #expect(calls.contains("HAL_PWREx_ConfigSupply@supply"))
        #expect(calls.contains("HAL_RCC_OscConfig@SystemClock_Config"))
        #expect(calls.contains("__HAL_PWR_VOLTAGESCALING_CONFIG@scale"))
        #expect(TestSupport.summary(reports, level: .error).isEmpty)
    }

    /// The same code as C and as C++ gives the same findings (the stand-in and the recovery of dropped
    /// calls behave alike; C++ rejects undeclared functions, C only warns).
    @Test func cAndCxxAgree() throws {
        let body = """
            void SystemClock_Config(void)
            {
              Some_Undeclared_Helper();
              HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY_MISSPELT + PWR_LDO_SUPPLY);
              HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);
            }
            """
        var results: [[String]] = []
        for name in ["main.c", "main.cpp"] {
            let root = try DiscoveryTests.tree(Self.ldoOnNucleo745.merging(["Core/Src/\(name)": body]) { a, _ in a })
            defer { try? FileManager.default.removeItem(at: root) }
            results.append(TestSupport.summary(try TestSupport.check(root), level: .note)
                .map { $0.replacingOccurrences(of: ".cpp:", with: ".c:") })
        }
        #expect(results[0] == results[1])
        #expect(results[0].contains("H7-PWR-001 Core/Src/main.c:5"))
    }

    @Test func languageFollowsTheExtension() {
        #expect(ProjectFinder.sourceExtensions.isSuperset(of: ["c", "cpp", "cc", "cxx"]))
    }

    /// A `platformio.ini` that builds a Blue Pill first and a Nucleo-H745 second is checked through the H7
    /// environment (the issue's seed case in PlatformIO).
    @Test func platformioH7EnvironmentIsChosen() throws {
        let root = try DiscoveryTests.tree([
            "platformio.ini": "[env:bluepill]\nplatform = ststm32\nboard = bluepill_f103c8\nframework = stm32cube\n\n[env:nucleo]\nplatform = ststm32\nboard = nucleo_h745zi_q\nframework = stm32cube\n",
            "src/main.cpp": "extern \"C\" void SystemClock_Config(void)\n{\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(reports.first?.project?.board?.id == "NUCLEO-H745ZI-Q")
        #expect(reports.first?.project?.cores.first?.settings?.configuration == "nucleo")
        #expect(TestSupport.summary(reports, level: .error) == ["H7-PWR-001 src/main.cpp:3"])
    }
}
