import Foundation
import H7LSP
import XCTest

final class ServerTests: XCTestCase {
    let fixtures = LSPClient.repository.appendingPathComponent("Fixtures")
    var supplyMain: String { fixtures.appendingPathComponent("dual-core-macro-vs-call/CM7/Core/Src/main.c").path }
    var clockMain: String { fixtures.appendingPathComponent("clk-h743-400-bypass/Core/Src/main.c").path }

    func testOpenPublishesTheSupplyMistakeAtThePlantedLine() throws {
        let client = try LSPClient()
        client.initialize()
        client.open(supplyMain)
        let published = try XCTUnwrap(client.published(supplyMain))
        let error = try XCTUnwrap(published.first { $0["code"]?.string == "H7-PWR-001" })
        // main.c:77 `HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);` (0-based line 76), the call from its first column.
        XCTAssertEqual(error["range"]?["start"], LSPClient.position(76, 2))
        XCTAssertEqual(error["severity"]?.int, 1)
        XCTAssertEqual(error["codeDescription"]?["href"]?.string?.hasSuffix("docs/rules.md#h7-pwr-001"), true)
        // Exactly what `check` reports (the fixture's expected.txt: severity, rule, place, message).
        let expected = try String(contentsOf: fixtures.appendingPathComponent("dual-core-macro-vs-call/expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).sorted()
        let severities = [1: "error", 2: "warning", 3: "note"]
        let seen = published.map { d -> String in
            let start = d["range"]?["start"]
            let message = d["message"]?.string?.components(separatedBy: "\nFix: ").first ?? ""
            return "\(severities[d["severity"]?.int ?? 0] ?? "?") \(d["code"]?.string ?? "") CM7/Core/Src/main.c:"
                + "\((start?["line"]?.int ?? -9) + 1):\((start?["character"]?.int ?? -9) + 1) \(message)"
        }.sorted()
        XCTAssertEqual(seen, expected)
        XCTAssertEqual(LSPClient.summary(client.diagnostics(supplyMain)), LSPClient.summary(published), "pull and push agree")
        // H7-PWR-003's other places (as `check --format json` lists them) are relatedInformation.
        let twice = try XCTUnwrap(published.first { $0["code"]?.string == "H7-PWR-003" })
        guard case .array(let related)? = twice["relatedInformation"] else { return XCTFail("no relatedInformation") }
        let places = related.map { item -> String in
            let file = URL(string: item["location"]?["uri"]?.string ?? "")?.path.components(separatedBy: "dual-core-macro-vs-call/").last ?? "?"
            return "\(file):\((item["location"]?["range"]?["start"]?["line"]?.int ?? -9) + 1) \(item["message"]?.string ?? "")"
        }
        XCTAssertEqual(places, ["CM7/.cproject:42 first configured here as direct-smps",
                                "Common/Src/system_stm32h7xx_dualcore_boot_cm4_cm7.c:43 ExitRun0Mode() writes PWR->CR3 here"])
    }

    func testQuickFixEditMakesTheDiagnosticGo() throws {
        let client = try LSPClient()
        client.initialize()
        client.open(supplyMain)
        let uri = LSPClient.uri(supplyMain)
        let range = JSON.object(["start": LSPClient.position(76, 0), "end": LSPClient.position(76, 0)])
        let response = client.request("textDocument/codeAction", .object(["textDocument": .object(["uri": .string(uri)]), "range": range,
                                                                          "context": .object(["diagnostics": .array([])])]))
        guard case .array(let actions)? = response["result"] else { return XCTFail("no actions: \(response)") }
        let fix = try XCTUnwrap(actions.first { $0["isPreferred"] == .bool(true) })
        guard case .array(let edits)? = fix["edit"]?["changes"]?[uri] else { return XCTFail("no edit for main.c") }
        XCTAssertEqual(edits, [.object(["newText": .string("PWR_DIRECT_SMPS_SUPPLY"),
                                        "range": .object(["start": LSPClient.position(76, 25), "end": LSPClient.position(76, 39)])])])
        let fixed = LSPClient.apply(fix["edit"], to: try String(contentsOfFile: supplyMain, encoding: .utf8), uri: uri)
        client.change(supplyMain, text: fixed, version: 2)
        XCTAssertFalse(LSPClient.summary(client.diagnostics(supplyMain)).contains { $0.hasPrefix("H7-PWR-001") })
        XCTAssertTrue(try String(contentsOfFile: supplyMain, encoding: .utf8).contains("(PWR_LDO_SUPPLY)"), "the disk is untouched")
    }

    func testSuppressOnThisLineAndInThisFile() throws {
        for title in ["on this line", "in this file"] {
            let client = try LSPClient()
            client.initialize()
            client.open(supplyMain)
            let uri = LSPClient.uri(supplyMain)
            let range = JSON.object(["start": LSPClient.position(76, 4), "end": LSPClient.position(76, 4)])
            let response = client.request("textDocument/codeAction", .object(["textDocument": .object(["uri": .string(uri)]), "range": range]))
            guard case .array(let actions)? = response["result"] else { return XCTFail("no actions") }
            let action = try XCTUnwrap(actions.first { $0["title"]?.string == "h7lint: suppress H7-PWR-001 \(title)" })
            let text = LSPClient.apply(action["edit"], to: try String(contentsOfFile: supplyMain, encoding: .utf8), uri: uri)
            XCTAssertTrue(text.contains(title == "on this line" ? "  // h7lint:disable-next-line H7-PWR-001\n  HAL_PWREx_ConfigSupply"
                                                                 : "// h7lint:disable-file H7-PWR-001\n"), title)
            client.change(supplyMain, text: text, version: 2)
            let after = LSPClient.summary(client.diagnostics(supplyMain))
            XCTAssertFalse(after.contains { $0.hasPrefix("H7-PWR-001") }, "\(title): \(after)")
            XCTAssertFalse(after.contains { $0.hasPrefix("H7-META-001") }, "the comment silences something")
        }
    }

    func testFixAcrossTwoMakefilesAndNoLineCommentInsideAContinuedList() throws {
        let client = try LSPClient()
        client.initialize()
        let makefile = fixtures.appendingPathComponent("h745-two-use-pwr/Makefile/CM7/Makefile").path
        client.open(makefile)
        let uri = LSPClient.uri(makefile)
        // Line 88 `-DUSE_PWR_LDO_SUPPLY \`, inside the C_DEFS list continued from line 87.
        let range = JSON.object(["start": LSPClient.position(87, 0), "end": LSPClient.position(87, 0)])
        let response = client.request("textDocument/codeAction", .object(["textDocument": .object(["uri": .string(uri)]), "range": range]))
        guard case .array(let actions)? = response["result"] else { return XCTFail("no actions: \(response)") }
        let titles = actions.compactMap { $0["title"]?.string }
        XCTAssertFalse(titles.contains { $0.contains("on this line") }, "\(titles)")
        XCTAssertTrue(titles.contains("h7lint: suppress H7-PWR-001 in this file"), "\(titles)")
        let fix = try XCTUnwrap(actions.first { $0["isPreferred"] == .bool(true) })
        guard case .object(let changes)? = fix["edit"]?["changes"] else { return XCTFail("no changes") }
        XCTAssertEqual(changes.keys.map { URL(string: $0)!.path.components(separatedBy: "Fixtures/").last! }.sorted(),
                       ["h745-two-use-pwr/Makefile/CM4/Makefile", "h745-two-use-pwr/Makefile/CM7/Makefile"])
        XCTAssertEqual(changes.values.compactMap { value -> String? in
            guard case .array(let edits) = value else { return nil }
            return edits.first?["newText"]?.string
        }, ["USE_PWR_DIRECT_SMPS_SUPPLY", "USE_PWR_DIRECT_SMPS_SUPPLY"])
    }

    func testUnsavedPLLNChangeShowsTheClockLimitBeforeSaving() throws {
        let client = try LSPClient()
        client.initialize()
        client.open(clockMain)
        XCTAssertEqual(client.published(clockMain), [], "the fixture is clean")
        let original = try String(contentsOfFile: clockMain, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "PLL.PLLN = 400;", with: "PLL.PLLN = 440;")
        XCTAssertNotEqual(edited, original)
        client.change(clockMain, text: edited, version: 2)
        let over = client.diagnostics(clockMain).first { $0["code"]?.string == "H7-CLK-001" }
        XCTAssertNotNil(over, "CPU 440 MHz at VOS1: \(client.diagnostics(clockMain))")
        XCTAssertTrue(over?["message"]?.string?.contains("440 MHz") == true)
        // Closing the buffer goes back to the file on disk.
        client.notify("textDocument/didClose", .object(["textDocument": .object(["uri": .string(LSPClient.uri(clockMain))])]))
        XCTAssertEqual(client.diagnostics(clockMain), [])
    }

    func testAChangeIsPublishedAfterTheDebounceWithoutAPull() throws {
        let client = try LSPClient(debounceMs: 50)
        client.initialize()
        client.open(clockMain)
        let edited = try String(contentsOfFile: clockMain, encoding: .utf8).replacingOccurrences(of: "PLL.PLLN = 400;", with: "PLL.PLLN = 440;")
        client.change(clockMain, text: edited, version: 7)
        // Waits for the server's own publish of version 7 (an event, not a time).
        let published = client.wire.wait { message in
            guard message["method"]?.string == "textDocument/publishDiagnostics", message["params"]?["version"]?.int == 7,
                  case .array(let items)? = message["params"]?["diagnostics"] else { return false }
            return items.contains { $0["code"]?.string == "H7-CLK-001" }
        }
        XCTAssertNotNil(published)
    }

    func testHoverOnADividerShowsTheClockAndItsLimit() throws {
        let client = try LSPClient()
        client.initialize()
        client.open(clockMain)
        // Line 71: `RCC_ClkInitStruct.AHBCLKDivider = RCC_HCLK_DIV2;`
        let hover = client.request("textDocument/hover", .object(["textDocument": .object(["uri": .string(LSPClient.uri(clockMain))]),
                                                                  "position": LSPClient.position(70, 40)]))
        let text = try XCTUnwrap(hover["result"]?["contents"]?["value"]?.string, "\(hover)")
        XCTAssertTrue(text.contains("AHB divider (HPRE)"), text)
        XCTAssertTrue(text.contains("HCLK / AXI  200 MHz"), text)
        XCTAssertTrue(text.contains("<= 200 MHz"), "the HCLK limit at VOS1: \(text)")
        XCTAssertTrue(text.contains("voltage scale: VOS1"), text)
    }

    func testHoverOnSupplyNameAndRuleIdInSuppressionComment() throws {
        let client = try LSPClient()
        client.initialize()
        let original = try String(contentsOfFile: supplyMain, encoding: .utf8)
        client.open(supplyMain, text: "// h7lint:disable-file H7-PWR-003\n" + original)
        let uri = JSON.object(["uri": .string(LSPClient.uri(supplyMain))])
        let rule = client.request("textDocument/hover", .object(["textDocument": uri, "position": LSPClient.position(0, 27)]))
        XCTAssertTrue(rule["result"]?["contents"]?["value"]?.string?.hasPrefix("**H7-PWR-003**") == true, "\(rule)")
        let supply = client.request("textDocument/hover", .object(["textDocument": uri, "position": LSPClient.position(77, 30)]))
        let text = supply["result"]?["contents"]?["value"]?.string ?? ""
        XCTAssertTrue(text.contains("NUCLEO-H745ZI-Q** is wired for: `direct-smps`"), text)
        XCTAssertTrue(text.contains("does not match the wiring"), text)
        let call = client.request("textDocument/hover", .object(["textDocument": uri, "position": LSPClient.position(77, 8)]))
        XCTAssertTrue(call["result"]?["contents"]?["value"]?.string?.hasPrefix("**PWR_LDO_SUPPLY**") == true, "the call's argument: \(call)")
        let nothing = client.request("textDocument/hover", .object(["textDocument": uri, "position": LSPClient.position(2, 0)]))
        XCTAssertEqual(nothing["result"], .null)
    }

    func testCommandsClockTreeAndRecover() throws {
        let client = try LSPClient()
        client.initialize()
        client.open(clockMain)
        let tree = client.request("workspace/executeCommand", .object(["command": .string("h7lint.clockTree"),
                                                                       "arguments": .array([.string(LSPClient.uri(clockMain))])]))
        XCTAssertTrue(tree["result"]?["text"]?.string?.contains("SYSCLK") == true, "\(tree)")
        guard case .array(let svgs)? = tree["result"]?["svg"], let svg = svgs.first?.string else { return XCTFail("no svg") }
        XCTAssertTrue(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
        let steps = client.request("workspace/executeCommand", .object(["command": .string("h7lint.recover"),
                                                                        "arguments": .array([.string("H7-PWR-001")])]))
        XCTAssertTrue(steps["result"]?["text"]?.string?.contains("Probe: ") == true, "\(steps)")
        let unknown = client.request("workspace/executeCommand", .object(["command": .string("h7lint.format-disk")]))
        XCTAssertEqual(unknown["error"]?["code"]?.int, -32602)
    }

    func testProtocolMistakesGetErrorsAndTheServerGoesOn() throws {
        let client = try LSPClient()
        XCTAssertEqual(client.request("textDocument/hover", .object([:]))["error"]?["code"]?.int, -32002)
        client.initialize()
        client.sendRaw(MessageFramer.frame(Array("{not json".utf8)))
        XCTAssertNotNil(client.wire.wait { $0["error"]?["code"]?.int == -32700 && $0["id"] == .null })
        XCTAssertEqual(client.request("textDocument/rename", .object([:]))["error"]?["code"]?.int, -32601)
        XCTAssertEqual(client.request("textDocument/hover", .object(["textDocument": .number(3)]))["error"]?["code"]?.int, -32602)
        XCTAssertEqual(client.request("textDocument/diagnostic", .object(["textDocument": .object(["uri": .string("untitled:1")])]))["error"]?["code"]?.int, -32602)
        // Numbers at the ends of their range, a range change past the end of an open document.
        client.open(clockMain)
        let uri = JSON.object(["uri": .string(LSPClient.uri(clockMain))])
        let uriText = LSPClient.uri(clockMain), farText = #"{"line":9223372036854775807,"character":-5}"#
        client.sendRaw(MessageFramer.frame(Array(#"{"jsonrpc":"2.0","id":900,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(uriText)"},"position":\#(farText)}}"#.utf8)))
        // Past what a JSON number carries exactly: InvalidParams (or no hover), never a crash.
        let hover = client.wire.wait { $0["id"]?.int == 900 }
        XCTAssertTrue(hover?["error"]?["code"]?.int == -32602 || hover?["result"] == .null, "\(String(describing: hover))")
        client.sendRaw(MessageFramer.frame(Array(#"{"jsonrpc":"2.0","id":901,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(uriText)"},"range":{"start":\#(farText),"end":\#(farText)}}}"#.utf8)))
        let actions = client.wire.wait { $0["id"]?.int == 901 }
        XCTAssertTrue(actions?["error"]?["code"]?.int == -32602 || actions?["result"] == .array([]), "\(String(describing: actions))")
        XCTAssertEqual(client.request("textDocument/hover", .object(["textDocument": uri, "position": .object(["line": .number(4e15), "character": .number(3)])]))["result"], .null)
        let far = JSON.object(["line": .number(4e15), "character": .number(-5)])
        client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(LSPClient.uri(clockMain)), "version": .number(2)]),
            "contentChanges": .array([.object(["range": .object(["start": far, "end": far]), "text": .string("\n/* end */")])])]))
        XCTAssertEqual(client.diagnostics(clockMain), [])
        // A change to a document that was never opened, a nonexistent file: nothing breaks.
        client.change("/nonexistent/main.c", text: "int x;", version: 1)
        client.open("/nonexistent/main.c", text: "int main(void) { return 0; }")
        XCTAssertEqual(client.request("shutdown", .null)["result"], .null)
        XCTAssertEqual(client.request("textDocument/hover", .object([:]))["error"]?["code"]?.int, -32600)
        client.notify("exit", .null)
        XCTAssertEqual(client.finish(), 0, "exit after shutdown")
    }

    func testBurstOfEditsKeepsTheServerBounded() throws {
        let client = try LSPClient()
        client.initialize()
        client.open(clockMain)
        let original = try String(contentsOfFile: clockMain, encoding: .utf8)
        for edit in 1...200 {
            // Each edit is a different buffer (a new parse-cache key when it is checked).
            client.change(clockMain, text: original + "\n/* edit \(edit) */\n", version: edit + 1)
            if edit % 40 == 0 { XCTAssertEqual(client.diagnostics(clockMain), []) }
        }
        let status = client.status()
        XCTAssertEqual(status["documents"], 1)
        XCTAssertEqual(status["projects"], 1)
        XCTAssertEqual(status["buffers"], 1)
        XCTAssertLessThanOrEqual(status["pendingChecks"] ?? 99, 1, "one debounced check per document at most")
        // The parse cache gains entries per check (5 pulls), not per edit.
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: client.cacheDirectory.path)) ?? []
        XCTAssertLessThanOrEqual(entries.filter { $0.hasSuffix(".json") }.count, 12, "\(entries.count) cache entries")
        XCTAssertEqual(client.finish(), 1, "input closed without shutdown")
    }
}
