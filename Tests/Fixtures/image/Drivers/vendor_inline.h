/* A stand-in for an LL header's inline function (its path holds /Drivers/): inlined into the caller at any -O,
   so no call is made; findings on its store are placed at the caller's line. Not ST code. */
#ifndef VENDOR_INLINE_H
#define VENDOR_INLINE_H
#include "../h7regs.h"

static inline __attribute__((always_inline)) void vendor_inline_supply(uint32_t bits) {
    PWR_CR3 = (PWR_CR3 & ~CR3_SUPPLY_MASK) | bits;
}
#endif
