/* A stand-in for a vendor driver function (its path holds /Drivers/, as ST's HAL does): findings on its store
   are placed at the firmware's call of it. Not ST code. */
#include "../h7regs.h"

__attribute__((noinline)) void vendor_config_supply(uint32_t bits) {
    PWR_CR3 = (PWR_CR3 & ~CR3_SUPPLY_MASK) | bits;
    while ((PWR_CSR1 & (1u << 13)) == 0) {
    }
}
