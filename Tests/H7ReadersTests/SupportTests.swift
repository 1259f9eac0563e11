import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct SupportTests {
    @Test func shellWords() throws {
        #expect(try ShellWords.split(#"gcc -DA="x y" '-DB=$HOME' -I\"q\" plain\ space C:\tools\x"#)
            == ["gcc", "-DA=x y", "-DB=$HOME", "-I\"q\"", "plain space", #"C:\tools\x"#])
        #expect(try ShellWords.split("  ") == [])
        #expect(try ShellWords.split(#"-D"EMPTY""#) == ["-DEMPTY"])
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split("gcc 'open") }
    }

    @Test func generatorExpressions() {
        #expect(GeneratorExpression.evaluate("$<$<CONFIG:Debug>:DEBUG>", configuration: "Debug") == "DEBUG")
        #expect(GeneratorExpression.evaluate("$<$<CONFIG:Debug>:DEBUG>", configuration: "debug") == "DEBUG")
        #expect(GeneratorExpression.evaluate("$<$<CONFIG:Debug>:DEBUG>", configuration: "Release") == "")
        #expect(GeneratorExpression.evaluate("$<$<CONFIG:Debug>:DEBUG>", configuration: nil) == "")
        #expect(GeneratorExpression.evaluate("$<$<CONFIG:Release,MinSizeRel>:NDEBUG>", configuration: "MinSizeRel") == "NDEBUG")
        #expect(GeneratorExpression.evaluate("$<$<NOT:$<CONFIG:Debug>>:OPT=2>", configuration: "Release") == "OPT=2")
        #expect(GeneratorExpression.evaluate("$<$<AND:$<COMPILE_LANGUAGE:C>,$<CONFIG:Debug>>:X>", configuration: "Debug") == "X")
        #expect(GeneratorExpression.evaluate("$<$<COMPILE_LANGUAGE:CXX>:-fno-rtti>", configuration: nil) == "")
        #expect(GeneratorExpression.evaluate("$<BUILD_INTERFACE:${dir}/inc>", configuration: nil) == "${dir}/inc")
        #expect(GeneratorExpression.evaluate("$<INSTALL_INTERFACE:include>", configuration: nil) == "")
        #expect(GeneratorExpression.evaluate("$<TARGET_PROPERTY:app,X>", configuration: nil) == nil)
        #expect(GeneratorExpression.evaluate("$<$<CONFIG:Debug>:unclosed", configuration: "Debug") == nil)
        #expect(GeneratorExpression.evaluate(String(repeating: "$<1:", count: 5_000) + "x", configuration: nil) == nil)
        #expect(GeneratorExpression.configurations(in: "$<$<CONFIG:Debug,RelWithDebInfo>:D>") == ["Debug", "RelWithDebInfo"])
    }

    @Test func paths() {
        #expect(PathText.normalize("/a/b/../c/./d/") == "/a/c/d")
        #expect(PathText.normalize("..\\..\\Drivers\\Inc") == "../../Drivers/Inc")
        #expect(PathText.normalize("/../x") == "/x")
        #expect(PathText.normalize("C:\\Users\\me\\..\\proj") == "C:/Users/proj")
        #expect(PathText.resolve("../Core/Inc", against: "/p/CM7/Debug") == "/p/CM7/Core/Inc")
        #expect(PathText.resolve("D:/abs/Inc", against: "/p") == "D:/abs/Inc")
        #expect(PathText.relative("/p/CM7/.cproject", to: "/p") == "CM7/.cproject")
        #expect(PathText.relative("/elsewhere/x", to: "/p") == "/elsewhere/x")
        #expect(PathText.relative("/p", to: "/p") == ".")
        #expect(PathText.relative("/p/", to: "/p") == ".")
        #expect(PathText.below("/p", "/p") == nil && PathText.below("/p/a/../b", "/p") == "b")
        // The fast path (already normal) and the full normalization agree on the edges.
        let cases = ["/a/b": "/a/b", "a/b": "a/b", "/a/./b": "/a/b", "a//b": "a/b", "/a/b/": "/a/b", "../x": "../x",
                     "./x": "x", ".": ".", "/": "/", "a/.../b": "a/.../b", "/a/b/..": "/a", "x.c": "x.c", "a/.b": "a/.b",
                     "/a/..b": "/a/..b", "": "."]
        for (input, normal) in cases { #expect(PathText.normalize(input) == normal, "\(input)") }
    }

    @Test func coreDetection() {
        #expect(CoreDetection.detect(defines: [Define(name: "CORE_CM4")], names: ["x:CM7"], paths: ["CM7/a"]) == .cm4)
        #expect(CoreDetection.detect(defines: [], names: ["STM32H745XIHx:CM7"]) == .cm7)
        #expect(CoreDetection.detect(defines: [], names: ["STM32H747XI_M4"]) == .cm4)
        #expect(CoreDetection.detect(defines: [], names: ["NUCLEO-H743ZI", "ACM7"], paths: ["cm4/Makefile"]) == .cm4)
        #expect(CoreDetection.detect(defines: [], paths: ["CM7"]) == nil)
        #expect(CoreDetection.detect(defines: [Define(name: "CORE_CM4"), Define(name: "CORE_CM7")], paths: ["x/.mxproject"]) == nil)
        #expect(CoreDetection.detect(defines: [Define(name: "CORE_CM4"), Define(name: "CORE_CM7")], paths: ["CM7/Makefile"]) == .cm7)
    }

    @Test func readerDispatch() throws {
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/Makefile")) == MakefileReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/Debug/makefile")) == nil)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/CMakeLists.txt")) == CMakeReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/CM7/.cproject")) == CProjectReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/EWARM/Project.EWP")) == EwpReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/MDK-ARM/x.uvprojx")) == UvprojxReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/.mxproject")) == MxprojectReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/build/compile_commands.json")) == CompileCommandsReader.self)
        #expect(BuildFileReaders.reader(for: URL(fileURLWithPath: "/p/Debug/Core/Src/subdir.mk")) == SubdirMkReader.self)
        let project = try TemporaryProject()
        let url = try project.write("Makefile", "C_DEFS = -DSTM32H750xx\n")
        #expect(try BuildFileReaders.read(url: url, projectRoot: project.root)?.first?.defineNames == ["STM32H750xx"])
        #expect(try BuildFileReaders.read(url: project.url("README.md"), projectRoot: project.root) == nil)
    }

    @Test func largeInputsAreReadWhole() throws {
        let project = try TemporaryProject()
        let root = project.path("")
        var json = "[\n"
        for index in 0..<4_000 {
            json += "{\"directory\": \"\(root)/build\", \"file\": \"\(root)/Src/f\(index).c\", \"command\": \"arm-none-eabi-gcc"
            json += " -DUSE_HAL_DRIVER -DSTM32H743xx -I../Core/Inc -I../Drivers/CMSIS/Include -O2 -c \(root)/Src/f\(index).c\"},\n"
        }
        json += "{\"directory\": \"/\", \"file\": \"x.c\", \"arguments\": [\"cc\"]}\n]\n"
        let database = try project.write("compile_commands.json", json)
        var ewp = "<?xml version=\"1.0\"?>\n<project>\n<configuration><name>Debug</name><settings><name>ICCARM</name><data>"
        ewp += "<option><name>CCDefines</name><state>STM32H743xx</state></option></data></settings></configuration>\n"
        for index in 0..<20_000 { ewp += "<group><name>G\(index)</name><file><name>$PROJ_DIR$\\..\\Src\\f\(index).c</name></file></group>\n" }
        ewp += "</project>\n"
        let ewpURL = try project.write("EWARM/big.ewp", ewp)
        // Everything is read (how fast is the benchmark's business, not a test's).
        let counts = [try CompileCommandsReader.read(url: database, projectRoot: project.root).count,
                      try EwpReader.read(url: ewpURL, projectRoot: project.root)[0].sources.count]
        #expect(counts == [4_001, 20_000])
    }
}
