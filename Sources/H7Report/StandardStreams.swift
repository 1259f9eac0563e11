import Foundation
import H7Model

/// Writes to standard output and standard error with write(2), never through FileHandle (whose write traps
/// on an error) or print (which drops errors): a full disk or a closed stdout is one line and exit 2, a
/// reader that went away (`h7lint check | head -1`) ends h7lint quietly, as command-line tools end.
public enum StandardStreams {
    /// Standard output was closed when h7lint started (`h7lint check >&-`); its descriptor then holds
    /// /dev/null so that no file h7lint opens takes descriptor 1 and receives the report.
    nonisolated(unsafe) private static var outputClosed = false

    /// Call first: reserves descriptors 0-2 that are closed (each gets /dev/null) and lets a broken pipe come
    /// back as EPIPE instead of killing h7lint with SIGPIPE mid-way through a file write.
    public static func prepare() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            if descriptor == STDOUT_FILENO { outputClosed = true }
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if opened >= 0, opened != descriptor { dup2(opened, descriptor); close(opened) }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// The report (or any command's output) on standard output; throws one line on a write error.
    /// A broken pipe ends the process as SIGPIPE would have, without a word.
    public static func output(_ text: String) throws {
        try output(Array(text.utf8))
    }

    /// Bytes as they are (a `--diff` of files that are not UTF-8).
    public static func output(_ bytes: [UInt8]) throws {
        guard !outputClosed else { throw H7Error.usage("cannot write to standard output: it is closed") }
        let error = write(bytes, to: STDOUT_FILENO)
        if error == 0 { return }
        if error == EPIPE { diedOfBrokenPipe() }
        throw H7Error.usage("cannot write to standard output (\(String(cString: strerror(error))))")
    }

    /// A line on standard error; errors there are ignored (there is nowhere left to say them).
    public static func error(_ text: String) {
        _ = write(Array(text.utf8), to: STDERR_FILENO)
    }

    /// All of `bytes` to `descriptor`; 0, or the errno of the failed write.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Exits as a process killed by SIGPIPE (status 141 in a shell), the way `yes | head -1` ends.
    static func diedOfBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }
}
