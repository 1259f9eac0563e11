import Foundation
import H7Model
import Testing
@testable import H7Readers

/// Truncated and corrupted copies of every fixture: a reader may return settings or throw a one-line
/// `H7Error.input` naming the file, but must never crash or throw anything else.
@Suite struct RobustnessTests {
    typealias Reader = @Sendable (URL, URL) throws -> Void

    static let fixtures: [(name: String, text: String, reader: Reader)] = [
        ("Makefile", MakefileReaderTests.cubeMXMakefile, { _ = try MakefileReader.read(url: $0, projectRoot: $1) }),
        ("CMakeLists.txt", CMakeReaderTests.generated, { _ = try CMakeReader.read(url: $0, projectRoot: $1) }),
        (".cproject", CProjectReaderTests.cproject(), { _ = try CProjectReader.read(url: $0, projectRoot: $1) }),
        ("p.ewp", EwpReaderTests.ewp, { _ = try EwpReader.read(url: $0, projectRoot: $1) }),
        ("p.uvprojx", UvprojxReaderTests.uvprojx, { _ = try UvprojxReader.read(url: $0, projectRoot: $1) }),
        (".mxproject", MxprojectReaderTests.dualCore, { _ = try MxprojectReader.read(url: $0, projectRoot: $1) }),
        ("compile_commands.json", CompileCommandsReaderTests.database(root: "/p"),
         { _ = try CompileCommandsReader.read(url: $0, projectRoot: $1) }),
        ("subdir.mk", SubdirMkReaderTests.coreSrc, { _ = try SubdirMkReader.read(url: $0, projectRoot: $1) }),
        ("x.ioc", IocReaderTests.dualCore, { url, _ in _ = try IocReader.read(url: url, file: "x.ioc") }),
    ]

    @Test(arguments: 0..<9)
    func corruptedInputsNeverCrash(fixture: Int) throws {
        let (name, text, reader) = Self.fixtures[fixture]
        let project = try TemporaryProject()
        let bytes = Array(text.utf8)
        var generator = SplitMix(seed: UInt64(fixture + 1))
        for round in 0..<60 {
            var mutated = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))))
            if round % 2 == 1, !mutated.isEmpty {
                for _ in 0..<4 {
                    let position = Int(generator.next() % UInt64(mutated.count))
                    let noise = Array("\"'<>()[]{}$\\\n=;:#%\u{7F}".utf8)
                    mutated[position] = noise[Int(generator.next() % UInt64(noise.count))]
                }
            }
            let folder = "r\(round)"
            let url = try project.write("\(folder)/\(name)", bytes: mutated)
            do {
                try reader(url, project.root)
            } catch let error as H7Error {
                #expect(error.kind == .input)
                #expect(error.message.hasPrefix(name == "x.ioc" ? "x.ioc: " : "\(folder)/"))
                #expect(!error.message.contains("\n"))
            }
        }
    }
}

/// A small deterministic random generator.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
