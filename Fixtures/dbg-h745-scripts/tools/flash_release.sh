#!/bin/bash
# Release flashing for the M4-only variant: program both images, then gate the M7
# the way the BootCM4_CM7Gated example describes.
set -euo pipefail
CLI=STM32_Programmer_CLI
$CLI -c port=SWD mode=UR -w CM7/build/dbg-h745-scripts_CM7.elf -v
$CLI -c port=SWD mode=UR -w CM4/build/dbg-h745-scripts_CM4.elf -v
STM32_Programmer_CLI -c port=SWD \
    -ob BCM7=0 BCM4=1
