#!/bin/sh
# Flash the debug build. Connect under reset: the firmware sleeps in Stop most of the time.
set -e
STM32_Programmer_CLI -c port=SWD mode=UR reset=HWrst -w build/dbg-clean-swd-trace.elf -v -rst

# Release parts only: read-out protection level 1 (reversible, regression erases the flash)
if [ "$1" = "--release" ]; then
  STM32_Programmer_CLI -c port=SWD -ob RDP=0xBB
fi
