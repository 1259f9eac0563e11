import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct SubdirMkReaderTests {
    static let coreSrc = """
    ################################################################################
    # Automatically-generated file. Do not edit!
    # Toolchain: GNU Tools for STM32 (12.3.rel1)
    ################################################################################

    # Add inputs and outputs from these tool invocations to the build variables 
    C_SRCS += \\
    ../Core/Src/main.c \\
    ../Core/Src/stm32h7xx_hal_msp.c \\
    ../Core/Src/stm32h7xx_it.c 

    OBJS += \\
    ./Core/Src/main.o \\
    ./Core/Src/stm32h7xx_hal_msp.o \\
    ./Core/Src/stm32h7xx_it.o 

    C_DEPS += \\
    ./Core/Src/main.d \\
    ./Core/Src/stm32h7xx_hal_msp.d \\
    ./Core/Src/stm32h7xx_it.d 


    # Each subdirectory must supply rules for building sources it contributes
    Core/Src/%.o Core/Src/%.su Core/Src/%.cyclo: ../Core/Src/%.c Core/Src/subdir.mk
    \tarm-none-eabi-gcc "$<" -mcpu=cortex-m4 -std=gnu11 -g3 -DDEBUG -DCORE_CM4 -DUSE_HAL_DRIVER -DSTM32H755xx -DUSE_PWR_LDO_SUPPLY -DUSE_PWR_DIRECT_SMPS_SUPPLY -c -I../Core/Inc -I../../Drivers/STM32H7xx_HAL_Driver/Inc -I"../../Drivers/CMSIS/Device/ST/STM32H7xx/Include" -I../../Drivers/CMSIS/Include -O0 -ffunction-sections -fdata-sections -Wall -fstack-usage -fcyclomatic-complexity -MMD -MP -MF"$(@:%.o=%.d)" -MT"$@" --specs=nano.specs -mfpu=fpv4-sp-d16 -mfloat-abi=hard -mthumb -o "$@"

    clean: clean-Core-2f-Src

    clean-Core-2f-Src:
    \t-$(RM) ./Core/Src/main.cyclo ./Core/Src/main.d ./Core/Src/main.o ./Core/Src/main.su

    .PHONY: clean-Core-2f-Src


    """

    static let startup = """
    S_SRCS += \\
    ../Core/Startup/startup_stm32h755zitx.s 

    Core/Startup/%.o: ../Core/Startup/%.s Core/Startup/subdir.mk
    \tarm-none-eabi-gcc -mcpu=cortex-m4 -g3 -DDEBUG -c -x assembler-with-cpp -MMD -MP -MF"$(@:%.o=%.d)" -MT"$@" --specs=nano.specs -mfpu=fpv4-sp-d16 -mfloat-abi=hard -mthumb -o "$@" "$<"

    """

    @Test func readsCompileRecipe() throws {
        let project = try TemporaryProject()
        let url = try project.write("CM4/Debug/Core/Src/subdir.mk", Self.coreSrc)
        let settings = try SubdirMkReader.read(url: url, projectRoot: project.root)
        #expect(settings.count == 1)
        let only = try #require(settings.first)
        #expect(only.origin == .subdirMk)
        #expect(only.file == "CM4/Debug/Core/Src/subdir.mk")
        #expect(only.configuration == "Debug")
        #expect(only.core == .cm4)
        let recipe = line(of: "arm-none-eabi-gcc", in: Self.coreSrc)
        #expect(recipe == 25)
        #expect(only.defines == ["DEBUG", "CORE_CM4", "USE_HAL_DRIVER", "STM32H755xx", "USE_PWR_LDO_SUPPLY",
                                 "USE_PWR_DIRECT_SMPS_SUPPLY"].map { Define(name: $0, line: recipe) })
        #expect(only.includePaths == [
            project.path("CM4/Core/Inc"),
            project.path("Drivers/STM32H7xx_HAL_Driver/Inc"),
            project.path("Drivers/CMSIS/Device/ST/STM32H7xx/Include"),
            project.path("Drivers/CMSIS/Include"),
        ])
        #expect(only.sources == [project.path("CM4/Core/Src/main.c"), project.path("CM4/Core/Src/stm32h7xx_hal_msp.c"),
                                 project.path("CM4/Core/Src/stm32h7xx_it.c")])
    }

    @Test func perFileRulesAndAssemblerRecipes() throws {
        let project = try TemporaryProject()
        let startup = try project.write("Release/Core/Startup/subdir.mk", Self.startup)
        #expect(try SubdirMkReader.read(url: startup, projectRoot: project.root).isEmpty)
        let perFile = """
        C_SRCS += \\
        ../Src/main.c \\
        ../Src/gpio.c

        Src/main.o: ../Src/main.c
        \tarm-none-eabi-gcc "$<" -mcpu=cortex-m7 -DUSE_HAL_DRIVER -DSTM32H743xx -c -I../Inc -o "$@"
        Src/gpio.o: ../Src/gpio.c
        \t@arm-none-eabi-gcc "$<" -mcpu=cortex-m7 -DUSE_HAL_DRIVER -DSTM32H743xx -c -I../Inc -o "$@"
        Src/special.o: ../Src/special.c
        \tarm-none-eabi-gcc "$<" -DUSE_HAL_DRIVER -DSTM32H743xx -DSPECIAL -c -I../Inc -o "$@"

        """
        let url = try project.write("Release/Src/subdir.mk", perFile)
        let settings = try SubdirMkReader.read(url: url, projectRoot: project.root)
        #expect(settings.count == 2)
        #expect(settings[0].configuration == "Release")
        #expect(settings[0].sources == [project.path("Src/main.c"), project.path("Src/gpio.c")])
        #expect(settings[0].includePaths == [project.path("Inc")])
        #expect(settings[0].define(named: "STM32H743xx")?.line == 6)
        #expect(settings[1].sources == [project.path("Src/special.c")])
        #expect(settings[1].defineNames.last == "SPECIAL")
        #expect(settings[0].core == nil)
    }

    @Test func brokenRecipeQuote() throws {
        let project = try TemporaryProject()
        let url = try project.write("Debug/Core/Src/subdir.mk", "Core/Src/%.o: ../Core/Src/%.c\n\tarm-none-eabi-gcc \"$< -DX -c\n")
        #expect(throws: H7Error.input("Debug/Core/Src/subdir.mk: unterminated quote in recipe at line 2")) {
            try SubdirMkReader.read(url: url, projectRoot: project.root)
        }
    }
}
