/* A stand-in for a vendor driver function (its path holds /Drivers/, as ST's HAL does): findings on its store
   are placed at the firmware's call of it. Not ST code. */
#include "../h7regs.h"

__attribute__((noinline)) void vendor_config_supply(uint32_t bits) {
    PWR_CR3 = (PWR_CR3 & ~CR3_SUPPLY_MASK) | bits;
    while ((PWR_CSR1 & (1u << 13)) == 0) {
    }
}

/* Every pin of a port to analog, one MODER write a pin (as HAL_GPIO_Init's loop does). */
__attribute__((noinline)) void vendor_pins_analog(volatile uint32_t *moder, uint32_t pins) {
    for (uint32_t pin = 0; pin < 16; pin++) {
        if (pins & (1u << pin)) *moder |= 3u << (2 * pin);
    }
}

/* Standby entry under HAL's name: SLEEPDEEP, then WFI. */
__attribute__((noinline)) void HAL_PWR_EnterSTANDBYMode(void) {
    REG(0xE000ED10u) |= 0x4u; /* SCB->SCR SLEEPDEEP */
    __asm volatile("wfi");
}

/* An RTC initialisation as HAL_RTC_Init does it: INIT set, INITF polled with a bounded wait (0: timed out). */
__attribute__((noinline)) int vendor_rtc_enter_init(void) {
    REG(0x5800400Cu) |= 0x80u; /* RTC_ISR INIT */
    for (int tries = 0; tries < 1000; tries++) {
        if (REG(0x5800400Cu) & 0x40u) return 1; /* INITF */
    }
    return 0;
}
