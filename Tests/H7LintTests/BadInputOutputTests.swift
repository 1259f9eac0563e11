import Foundation
import Testing

/// Issue 23, item 14: writing the report must never crash h7lint. A full disk or a closed stdout is one line
/// and exit 2; a reader that went away (a closed pipe) ends h7lint quietly, killed by SIGPIPE as `yes | head`.
@Suite struct BadInputOutputTests {
    enum Stdout { case devFull, closed, closedPipe }

    /// Runs the built binary with its standard output as `stdout` says.
    static func run(_ arguments: [String], stdout: Stdout) throws
        -> (status: Int32, signalled: Bool, stderr: String) {
        guard let executable = TestSupport.executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        environment["H7LINT_RULES"] = TestSupport.repository.appendingPathComponent("Rules").path
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        var keep: Pipe?
        switch stdout {
        case .devFull:
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        case .closed:
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \"$@\" >&-", executable.path] + arguments
        case .closedPipe:
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            keep = pipe
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = pipe.fileHandleForWriting
        }
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        _ = keep
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: errData, as: UTF8.self))
    }

    static let project = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path

    @Test(arguments: [["check", "--no-cache", project], ["rules"], ["rules", "--format", "json"], ["explain", "H7-PWR-001"],
                      ["boards"], ["recover", "H7-PWR-001"], ["--version"]])
    func fullDiskIsOneLineAndExit2(arguments: [String]) throws {
        let result = try Self.run(arguments, stdout: .devFull)
        #expect(!result.signalled)
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("h7lint: error: cannot write to standard output (No space left on device)\n"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test(arguments: [["check", "--no-cache", project], ["rules"]])
    func closedStdoutIsOneLineAndExit2(arguments: [String]) throws {
        let result = try Self.run(arguments, stdout: .closed)
        #expect(!result.signalled)
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("h7lint: error: cannot write to standard output: it is closed\n"))
    }

    @Test(arguments: [["check", "--no-cache", project], ["rules", "--format", "markdown"]])
    func brokenPipeEndsQuietly(arguments: [String]) throws {
        let result = try Self.run(arguments, stdout: .closedPipe)
        #expect(result.signalled)
        #expect(result.status == SIGPIPE)
        #expect(!result.stderr.contains("error"))
        #expect(!result.stderr.contains("Fatal"))
    }
}
