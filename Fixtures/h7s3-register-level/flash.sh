#!/bin/sh
# flash.sh: program the board (written for the h7lint tests).
set -e
STM32_Programmer_CLI -c port=SWD mode=UR -w build/app.elf -v
# Planted: closes the part for good unless debug authentication was provisioned first.
STM32_Programmer_CLI -c port=SWD -psrss 0x72
