import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct CompileCommandsReaderTests {
    static func database(root: String) -> String {
        """
        [
        {
          "directory": "\(root)/build/Debug",
          "command": "/opt/gcc-arm/bin/arm-none-eabi-gcc -DUSE_PWR_LDO_SUPPLY -DUSE_HAL_DRIVER -DSTM32H723xx -DDEBUG -D 'BUILD_TAG=\\"nightly build\\"' -I\(root)/Core/Inc -I\\"../../Drivers/CMSIS/Include\\" -isystem ../../Drivers/STM32H7xx_HAL_Driver/Inc -mcpu=cortex-m7 -o CMakeFiles/app.dir/Core/Src/main.c.obj -c \(root)/Core/Src/main.c",
          "file": "\(root)/Core/Src/main.c",
          "output": "CMakeFiles/app.dir/Core/Src/main.c.obj"
        },
        {
          "directory": "\(root)/build",
          "arguments": [
            "arm-none-eabi-gcc",
            "-DCORE_CM4",
            "-DSTM32H745xx",
            "-I", "../CM4/Core/Inc",
            "-c", "../CM4/Core/Src/main.c"
          ],
          "file": "../CM4/Core/Src/main.c"
        }
        ]

        """
    }

    @Test func readsCommandAndArgumentsEntries() throws {
        let project = try TemporaryProject()
        let root = project.path("")
        let url = try project.write("build/compile_commands.json", Self.database(root: root))
        let settings = try CompileCommandsReader.read(url: url, projectRoot: project.root)
        #expect(settings.count == 2)
        let first = settings[0]
        #expect(first.origin == .compileCommands)
        #expect(first.file == "build/compile_commands.json")
        #expect(first.defines == [
            Define(name: "USE_PWR_LDO_SUPPLY", line: 4),
            Define(name: "USE_HAL_DRIVER", line: 4),
            Define(name: "STM32H723xx", line: 4),
            Define(name: "DEBUG", line: 4),
            Define(name: "BUILD_TAG", value: "\"nightly build\"", line: 4),
        ])
        #expect(first.includePaths == [project.path("Core/Inc"), project.path("Drivers/CMSIS/Include"),
                                       project.path("Drivers/STM32H7xx_HAL_Driver/Inc")])
        #expect(first.sources == [project.path("Core/Src/main.c")])
        #expect(first.core == nil)
        let second = settings[1]
        #expect(second.defines == [Define(name: "CORE_CM4", line: 12), Define(name: "STM32H745xx", line: 13)])
        #expect(second.includePaths == [project.path("CM4/Core/Inc")])
        #expect(second.sources == [project.path("CM4/Core/Src/main.c")])
        #expect(second.core == .cm4)
    }

    @Test func coreFromSourceFolder() throws {
        let project = try TemporaryProject()
        let root = project.path("")
        let text = "[{\"directory\": \"\(root)\", \"file\": \"CM7/Core/Src/main.c\", \"arguments\": [\"gcc\", \"-c\", \"CM7/Core/Src/main.c\"]}]"
        let url = try project.write("compile_commands.json", text)
        #expect(try CompileCommandsReader.read(url: url, projectRoot: project.root)[0].core == .cm7)
    }

    @Test func malformedDatabases() throws {
        let project = try TemporaryProject()
        let cases: [(String, String)] = [
            ("[\n  {\"directory\": \"/x\",\n   \"file\": \"a.c\"\n   \"command\": \"gcc\"}\n]", "invalid JSON at line 4: expected ',' or '}' in object"),
            ("{\"directory\": \"/x\"}", "expected a JSON array of compile commands at line 1"),
            ("[\n\"gcc -c a.c\"\n]", "entry 1 is not an object at line 2"),
            ("[{\"directory\": \"/x\", \"command\": \"gcc\"}]", "entry 1 has no \"file\" string at line 1"),
            ("[{\"file\": \"a.c\", \"command\": \"gcc\"}]", "entry 1 has no \"directory\" string at line 1"),
            ("[{\"directory\": \"/x\", \"file\": \"a.c\"},\n {\"directory\": \"/x\", \"file\": \"b.c\"}]", "entry 1 has neither \"arguments\" nor \"command\" at line 1"),
            ("[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"gcc -DX='unterminated\"}]", "entry 1 has an unterminated quote in \"command\" at line 1"),
            ("[{\"directory\": \"/x\", \"file\": \"a.c\", \"arguments\": [\"gcc\", 3]}]", "entry 1 has a non-string argument at line 1"),
            ("[\"unterminated\n]", "invalid JSON at line 1: unterminated string"),
            ("[1, 2", "invalid JSON at line 1: unexpected end of file inside an array"),
            ("[] trailing", "invalid JSON at line 1: unexpected text after the JSON value"),
            (String(repeating: "[", count: 100_000), "invalid JSON at line 1: nesting deeper than 256 levels"),
        ]
        for (index, (text, problem)) in cases.enumerated() {
            let url = try project.write("case\(index)/compile_commands.json", text)
            #expect(throws: H7Error.input("case\(index)/compile_commands.json: \(problem)")) {
                try CompileCommandsReader.read(url: url, projectRoot: project.root)
            }
        }
        let empty = try project.write("empty/compile_commands.json", "\n")
        #expect(throws: H7Error.input("empty/compile_commands.json: empty file")) {
            try CompileCommandsReader.read(url: empty, projectRoot: project.root)
        }
    }
}
