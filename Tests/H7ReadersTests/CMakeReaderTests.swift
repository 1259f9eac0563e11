import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct CMakeReaderTests {
    static let generated = """
    cmake_minimum_required(VERSION 3.22)
    # Enable CMake support for ASM and C languages
    enable_language(C ASM)
    # STM32CubeMX generated symbols (macros)
    set(MX_Defines_Syms
    \tUSE_PWR_LDO_SUPPLY
    \tUSE_HAL_DRIVER
    \tSTM32H723xx
        $<$<CONFIG:Debug>:DEBUG>
    )

    # STM32CubeMX generated include paths
    set(MX_Include_Dirs
        ${CMAKE_CURRENT_SOURCE_DIR}/../../Core/Inc
        ${CMAKE_CURRENT_SOURCE_DIR}/../../Drivers/STM32H7xx_HAL_Driver/Inc
        ${CMAKE_CURRENT_SOURCE_DIR}/../../Drivers/CMSIS/Include
    )

    # STM32CubeMX generated application sources
    set(MX_Application_Src
        ${CMAKE_CURRENT_SOURCE_DIR}/../../Core/Src/main.c
        ${CMAKE_CURRENT_SOURCE_DIR}/../../startup_stm32h723xx.s
    )

    # STM32 HAL/LL Drivers
    set(STM32_Drivers_Src
        ${CMAKE_CURRENT_SOURCE_DIR}/../../Core/Src/system_stm32h7xx.c
        ${CMAKE_CURRENT_SOURCE_DIR}/../../Drivers/STM32H7xx_HAL_Driver/Src/stm32h7xx_hal_pwr_ex.c
    )

    # Interface library for includes and symbols
    add_library(stm32cubemx INTERFACE)
    target_include_directories(stm32cubemx INTERFACE ${MX_Include_Dirs})
    target_compile_definitions(stm32cubemx INTERFACE ${MX_Defines_Syms})

    # Create STM32_Drivers static library
    add_library(STM32_Drivers OBJECT)
    target_sources(STM32_Drivers PRIVATE ${STM32_Drivers_Src})
    target_link_libraries(STM32_Drivers PUBLIC stm32cubemx)

    # Add STM32CubeMX generated application sources to the project
    target_sources(${CMAKE_PROJECT_NAME} PRIVATE ${MX_Application_Src})

    """

    static let root = """
    cmake_minimum_required(VERSION 3.22)

    set(CMAKE_C_STANDARD 11)
    set(CMAKE_C_STANDARD_REQUIRED ON)

    # Define the build type
    if(NOT CMAKE_BUILD_TYPE)
        set(CMAKE_BUILD_TYPE "Debug")
    endif()

    set(CMAKE_PROJECT_NAME h723_app)
    include("cmake/gcc-arm-none-eabi.cmake")
    set(CMAKE_EXPORT_COMPILE_COMMANDS TRUE)
    enable_language(C ASM)
    project(${CMAKE_PROJECT_NAME})

    add_executable(${CMAKE_PROJECT_NAME})
    add_subdirectory(cmake/stm32cubemx)

    target_sources(${CMAKE_PROJECT_NAME} PRIVATE
        # Add user sources here
        App/Src/app.c
    )

    target_include_directories(${CMAKE_PROJECT_NAME} PRIVATE
        # Add user defined include paths
        App/Inc
    )

    target_compile_definitions(${CMAKE_PROJECT_NAME} PRIVATE
        # Add user defined symbols
        HSE_VALUE=25000000
        $<$<NOT:$<CONFIG:Debug>>:NDEBUG>
    )

    target_link_libraries(${CMAKE_PROJECT_NAME}
        stm32cubemx
    )

    """

    static let toolchain = """
    set(CMAKE_SYSTEM_NAME Generic)
    set(TARGET_FLAGS "-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard ")
    set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS} ${TARGET_FLAGS}")
    set(CMAKE_C_FLAGS_DEBUG "-O0 -g3 -DTRACE_ENABLED")
    set(CMAKE_C_FLAGS_RELEASE "-Os -g0")

    """

    static let presets = """
    {
        "version": 3,
        "configurePresets": [
            { "name": "default", "hidden": true, "generator": "Ninja" },
            { "name": "Debug", "inherits": "default", "cacheVariables": { "CMAKE_BUILD_TYPE": "Debug" } },
            { "name": "Release", "inherits": "default", "cacheVariables": { "CMAKE_BUILD_TYPE": { "type": "STRING", "value": "Release" } } }
        ]
    }
    """

    private func makeProject() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("CMakeLists.txt", Self.root)
        try project.write("cmake/stm32cubemx/CMakeLists.txt", Self.generated)
        try project.write("cmake/gcc-arm-none-eabi.cmake", Self.toolchain)
        try project.write("CMakePresets.json", Self.presets)
        return project
    }

    @Test func readsGeneratedAndRootFilesPerConfiguration() throws {
        let project = try makeProject()
        let settings = try CMakeReader.read(url: project.url("cmake/stm32cubemx/CMakeLists.txt"), projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["Debug", "Release"])
        let debug = settings[0]
        let release = settings[1]
        #expect(debug.origin == .cmake)
        #expect(debug.file == "cmake/stm32cubemx/CMakeLists.txt")
        #expect(debug.defines == [
            Define(name: "TRACE_ENABLED", line: 4, file: "cmake/gcc-arm-none-eabi.cmake"),
            Define(name: "USE_PWR_LDO_SUPPLY", line: 6),
            Define(name: "USE_HAL_DRIVER", line: 7),
            Define(name: "STM32H723xx", line: 8),
            Define(name: "DEBUG", line: 9),
            Define(name: "HSE_VALUE", value: "25000000", line: 32, file: "CMakeLists.txt"),
        ])
        #expect(release.defineNames == ["USE_PWR_LDO_SUPPLY", "USE_HAL_DRIVER", "STM32H723xx", "HSE_VALUE", "NDEBUG"])
        #expect(release.define(named: "NDEBUG")?.line == 33)
        #expect(debug.includePaths == [
            project.path("Core/Inc"),
            project.path("Drivers/STM32H7xx_HAL_Driver/Inc"),
            project.path("Drivers/CMSIS/Include"),
            project.path("App/Inc"),
        ])
        #expect(debug.sources == [
            project.path("Core/Src/system_stm32h7xx.c"),
            project.path("Drivers/STM32H7xx_HAL_Driver/Src/stm32h7xx_hal_pwr_ex.c"),
            project.path("Core/Src/main.c"),
            project.path("App/Src/app.c"),
        ])
        #expect(debug.core == nil)
    }

    @Test func rootFileGivesTheSameSettings() throws {
        let project = try makeProject()
        let fromRoot = try CMakeReader.read(url: project.url("CMakeLists.txt"), projectRoot: project.root)
        #expect(fromRoot.map(\.file) == ["CMakeLists.txt", "CMakeLists.txt"])
        #expect(fromRoot[0].define(named: "STM32H723xx") == Define(name: "STM32H723xx", line: 8, file: "cmake/stm32cubemx/CMakeLists.txt"))
        #expect(fromRoot[0].define(named: "HSE_VALUE") == Define(name: "HSE_VALUE", value: "25000000", line: 32))
        #expect(fromRoot[1].defineNames.contains("NDEBUG"))
    }

    @Test func readsHandWrittenCMake() throws {
        let project = try TemporaryProject()
        let text = """
        cmake_minimum_required(VERSION 3.16)
        project(h7a3 C ASM)
        add_definitions(-DSTM32H7A3xxQ -DUSE_HAL_DRIVER -Wall)
        set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS} -mcpu=cortex-m7 -DUSE_PWR_DIRECT_SMPS_SUPPLY")
        string(APPEND CMAKE_C_FLAGS " -DHSE_VALUE=8000000")
        include_directories(${PROJECT_SOURCE_DIR}/Core/Inc "${CMAKE_SOURCE_DIR}/Drivers/CMSIS/Include")
        set(SOURCES Core/Src/main.c;Core/Src/stm32h7xx_it.c Core/Startup/startup_stm32h7a3zitxq.s)
        add_executable(${PROJECT_NAME}.elf ${SOURCES})
        target_compile_definitions(${PROJECT_NAME}.elf PRIVATE #[[ bracket comment ]] [==[QUOTED_DEFINE=1]==])
        """
        let url = try project.write("firmware/CMakeLists.txt", text)
        let settings = try CMakeReader.read(url: url, projectRoot: project.root)
        #expect(settings.count == 1)
        let only = settings[0]
        #expect(only.configuration == nil)
        #expect(only.file == "firmware/CMakeLists.txt")
        #expect(only.defines == [
            Define(name: "STM32H7A3xxQ", line: 3),
            Define(name: "USE_HAL_DRIVER", line: 3),
            Define(name: "USE_PWR_DIRECT_SMPS_SUPPLY", line: 4),
            Define(name: "HSE_VALUE", value: "8000000", line: 5),
            Define(name: "QUOTED_DEFINE", value: "1", line: 9),
        ])
        #expect(only.includePaths == [project.path("firmware/Core/Inc"), project.path("firmware/Drivers/CMSIS/Include")])
        #expect(only.sources == [project.path("firmware/Core/Src/main.c"), project.path("firmware/Core/Src/stm32h7xx_it.c")])
    }

    @Test func coreFromFolderAndDefine() throws {
        let project = try TemporaryProject()
        let url = try project.write("CM4/CMakeLists.txt", "add_compile_definitions(USE_HAL_DRIVER STM32H745xx)\n")
        #expect(try CMakeReader.read(url: url, projectRoot: project.root)[0].core == .cm4)
        let other = try project.write("x/CMakeLists.txt", "add_compile_definitions(CORE_CM7)\n")
        #expect(try CMakeReader.read(url: other, projectRoot: project.root)[0].core == .cm7)
    }

    @Test func malformedCMakeNamesFileAndLine() throws {
        let project = try TemporaryProject()
        let unclosed = try project.write("a/CMakeLists.txt", "set(A 1)\n\ntarget_compile_definitions(app PRIVATE\n    FOO\n")
        #expect(throws: H7Error.input("a/CMakeLists.txt: missing ')' for 'target_compile_definitions(' at line 3")) {
            try CMakeReader.read(url: unclosed, projectRoot: project.root)
        }
        let quote = try project.write("b/CMakeLists.txt", "set(A 1)\nset(B \"open\n)\n")
        #expect(throws: H7Error.input("b/CMakeLists.txt: unterminated quoted argument at line 2")) {
            try CMakeReader.read(url: quote, projectRoot: project.root)
        }
        let stray = try project.write("c/CMakeLists.txt", "set(A 1)\nthis is not cmake\n")
        #expect(throws: H7Error.input("c/CMakeLists.txt: expected '(' after 'this' at line 2")) {
            try CMakeReader.read(url: stray, projectRoot: project.root)
        }
        try project.write("d/CMakeLists.txt", "add_subdirectory(cmake/stm32cubemx)\n")
        try project.write("d/cmake/stm32cubemx/CMakeLists.txt", "set(X\n  $<1:A>\n  \"unterminated)\n")
        #expect(throws: H7Error.input("d/cmake/stm32cubemx/CMakeLists.txt: unterminated quoted argument at line 3")) {
            try CMakeReader.read(url: project.url("d/CMakeLists.txt"), projectRoot: project.root)
        }
    }

    /// A variable that doubles itself is refused with one line naming the file and line.
    @Test func selfDoublingVariableIsRefused() throws {
        let project = try TemporaryProject()
        let text = "set(J x)\n" + String(repeating: "set(J ${J} ${J})\n", count: 30) + "add_compile_definitions(STM32H743xx)\n"
        let url = try project.write("CMakeLists.txt", text)
        #expect(throws: H7Error.input("CMakeLists.txt:21: CMake variables expand to more than 2000000 items (a variable that grows with each set()?): not read")) {
            try CMakeReader.read(url: url, projectRoot: project.root)
        }
    }

    /// A variable that doubles inside one quoted item grows no item count: its characters are bounded too.
    @Test func selfDoublingStringIsRefused() throws {
        let project = try TemporaryProject()
        let text = "set(J xxxxxxxx)\n" + String(repeating: "set(J \"${J}${J}\")\n", count: 30) + "add_compile_options(${J})\n"
        let url = try project.write("CMakeLists.txt", text)
        #expect(throws: H7Error.input("CMakeLists.txt:23: CMake variables expand to more than 64000000 characters (a variable that grows with each set()?): not read")) {
            try CMakeReader.read(url: url, projectRoot: project.root)
        }
    }

    /// Issue 23, item 13: 80,000 `set()` lines used to rescan every variable after each command (18.6 s). The
    /// limit check now looks at the one variable a command wrote: its work follows the number of commands.
    @Test func limitCheckWorkFollowsTheCommands() throws {
        let project = try TemporaryProject()
        var text = "project(big C)\n"
        for index in 0..<80_000 { text += "set(V\(index) a\(index))\n" }
        text += "add_compile_definitions(STM32H743xx USE_PWR_LDO_SUPPLY ${V79999})\n"
        let url = try project.write("CMakeLists.txt", text)
        let file = ProjectFile(url: url, projectRoot: project.root)
        var interpreter = CMakeInterpreter(mainFile: file, topDirectory: file.directory)
        try interpreter.run(file, sourceDirectory: file.directory)
        #expect(interpreter.sizeChecks <= 80_001, "the size check looked at \(interpreter.sizeChecks) variables for 80,002 commands")
        let defines = interpreter.settings(extraConfigurations: [])[0].defines.map(\.name)
        #expect(defines == ["STM32H743xx", "USE_PWR_LDO_SUPPLY", "a79999"])
    }

    /// `list(APPEND J ${J})` doubles a list without `set()`: still refused at the limit.
    @Test func selfDoublingListIsRefused() throws {
        let project = try TemporaryProject()
        let text = "set(J x)\n" + String(repeating: "list(APPEND J ${J})\n", count: 30) + "add_compile_definitions(${J})\n"
        let url = try project.write("CMakeLists.txt", text)
        #expect(throws: H7Error.input("CMakeLists.txt:22: CMake variables expand to more than 2000000 items (a variable that grows with each set()?): not read")) {
            try CMakeReader.read(url: url, projectRoot: project.root)
        }
    }
}
