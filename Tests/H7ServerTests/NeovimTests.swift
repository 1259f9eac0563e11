import Foundation
import XCTest

/// A real editor against the server: Debian's Neovim, headless, with its built-in LSP client.
final class NeovimTests: XCTestCase {
    /// Opens the file, attaches h7lint's server, waits for diagnostics and writes `CODE line column severity` lines.
    static let script = """
        local bin, file, out, cache = os.getenv("H7_BIN"), os.getenv("H7_FILE"), os.getenv("H7_OUT"), os.getenv("H7_CACHE")
        vim.cmd("edit " .. vim.fn.fnameescape(file))
        local buf = vim.api.nvim_get_current_buf()
        local id = vim.lsp.start_client({ name = "h7lint", cmd = { bin, "server", "--cache-dir", cache },
                                          root_dir = vim.fn.fnamemodify(file, ":h") })
        vim.lsp.buf_attach_client(buf, id)
        vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
        local lines = {}
        for _, d in ipairs(vim.diagnostic.get(buf)) do
          local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "-"
          table.insert(lines, string.format("%s %d %d %d", code, d.lnum, d.col, d.severity))
        end
        table.sort(lines)
        vim.fn.writefile(lines, out)
        vim.lsp.stop_client(id)
        vim.cmd("qa!")
        """

    func testNeovimShowsThePlantedSupplyMistake() throws {
        let nvim = ["/usr/bin/nvim", "/usr/local/bin/nvim"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let nvim else { throw XCTSkip("Neovim is not installed (scripts/install-deps installs it)") }
        guard let server = LSPClient.executable else { throw XCTSkip("h7lint is not built") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-nvim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let script = work.appendingPathComponent("diagnostics.lua"), out = work.appendingPathComponent("out.txt")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let file = LSPClient.repository.appendingPathComponent("Fixtures/dual-core-macro-vs-call/CM7/Core/Src/main.c")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nvim)
        process.arguments = ["--headless", "--clean", "-u", "NONE", "-c", "luafile \(script.path)"]
        var environment = ProcessInfo.processInfo.environment
        environment["H7LINT_RULES"] = LSPClient.repository.appendingPathComponent("Rules").path
        environment["H7_BIN"] = server.path
        environment["H7_FILE"] = file.path
        environment["H7_OUT"] = out.path
        environment["H7_CACHE"] = work.appendingPathComponent("cache").path
        environment["XDG_STATE_HOME"] = work.path  // Neovim's LSP log goes there (0.7: the cache folder), not to the home folder
        environment["XDG_CACHE_HOME"] = work.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
        // Neovim's severities: 1 error, 3 information (LSP's numbers); line and column 0-based.
        XCTAssertEqual(lines, ["H7-PWR-001 76 2 1", "H7-PWR-003 76 2 1", "H7-PWR-005 76 2 3"])
    }
}
