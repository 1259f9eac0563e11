/* A register-level reset path for an STM32H745 (Cortex-M7): supply, voltage scale, PLL1 from HSI at 400 MHz.
   Variants are chosen with -D: SUPPLY_DIRECT_SMPS, VOS0, LATE_LATENCY, RDP2, FAULT_IN_SYSTEMINIT, WFI_AT_END,
   SECOND_SUPPLY_WRITE, HANG_IN_SYSTEMINIT, VOS0_ONE_LINE, SUPPLY_BY_DRIVER,
   LATENCY_LOWERED_AFTER, ERROR_IN_MAIN, PINS_ANALOG_BY_DRIVER, STANDBY_BY_DRIVER, RTC_INIT,
   RAM_FILL, ETH_RESET, SUPPLY_BY_INLINE. */
#include "h7regs.h"
#include "Drivers/vendor_inline.h"

volatile uint32_t counter;

void SystemInit(void) {
#ifdef HANG_IN_SYSTEMINIT
    while ((REG(0x4000481Cu) & 0x80u) == 0) { /* USART3 TXE, which nothing models */
    }
#endif
#ifdef FAULT_IN_SYSTEMINIT
    counter = REG(0x60000000u); /* FMC bank 1, not enabled: a bus fault */
#endif
}

void vendor_config_supply(uint32_t bits);
void vendor_pins_analog(volatile uint32_t *moder, uint32_t pins);
void HAL_PWR_EnterSTANDBYMode(void);
int vendor_rtc_enter_init(void);

static void supply_config(void) {
#ifdef SUPPLY_BY_DRIVER
    vendor_config_supply(CR3_SMPSEN); /* direct SMPS, written inside the driver */
    return;
#endif
#ifdef SUPPLY_BY_INLINE
    vendor_inline_supply(CR3_SMPSEN); /* direct SMPS, written by a header's inline function */
    while ((PWR_CSR1 & (1u << 13)) == 0) {
    }
    return;
#endif
#ifdef SUPPLY_DIRECT_SMPS
    PWR_CR3 = (PWR_CR3 & ~CR3_SUPPLY_MASK) | CR3_SMPSEN;
#else
    PWR_CR3 = (PWR_CR3 & ~CR3_SUPPLY_MASK) | CR3_LDOEN;
#endif
    while ((PWR_CSR1 & (1u << 13)) == 0) {
    }
#ifdef SECOND_SUPPLY_WRITE
    PWR_CR3 = (PWR_CR3 & ~CR3_SUPPLY_MASK) | CR3_SMPSEN; /* ignored: the supply bits are written once */
#endif
}

static void clock_config(void) {
    PWR_D3CR = (PWR_D3CR & ~0xC000u) | (3u << 14); /* VOS1 */
    while ((PWR_D3CR & (1u << 13)) == 0) {
    }
#ifdef VOS0
    RCC_APB4ENR |= 1u << 1; /* SYSCFGEN */
    SYSCFG_PWRCR |= 1u;     /* ODEN: VOS0 */
    while ((PWR_D3CR & (1u << 13)) == 0) {
    }
#endif
#ifdef VOS0_ONE_LINE
#define SET_VOS0() do { PWR_D3CR = (PWR_D3CR & ~0xC000u) | (3u << 14); RCC_APB4ENR |= 1u << 1; SYSCFG_PWRCR |= 1u; } while (0)
    SET_VOS0(); /* VOS1 then ODEN from one line, as HAL's __HAL_PWR_VOLTAGESCALING_CONFIG(SCALE0): one DWARF line */
#endif
#ifdef LATE_LATENCY
    FLASH_ACR = 0x0u; /* 0 wait states: enough for the 64 MHz HSI, not for PLL1 */
#endif
    RCC_PLLCKSELR = (RCC_PLLCKSELR & ~0x3F3u) | (4u << 4);          /* PLLSRC HSI, DIVM1 4: 16 MHz */
    RCC_PLLCFGR = (RCC_PLLCFGR & ~0xFu) | (3u << 2);                /* PLL1RGE 8-16 MHz, wide VCO */
    RCC_PLL1DIVR = (50u - 1) | ((2u - 1) << 9) | ((4u - 1) << 16) | ((2u - 1) << 24); /* N 50, P 2: 400 MHz */
    RCC_CR |= 1u << 24;                                             /* PLL1ON */
    while ((RCC_CR & (1u << 25)) == 0) {
    }
#ifndef LATE_LATENCY
    FLASH_ACR = 0x22u; /* 2 wait states, WRHIGHFREQ 2 */
#endif
    RCC_D1CFGR = 0x8u | (0x4u << 4); /* HPRE /2, D1PPRE /2 */
    RCC_D2CFGR = (0x4u << 4) | (0x4u << 8);
    RCC_D3CFGR = 0x4u << 4;
    RCC_CFGR = (RCC_CFGR & ~0x7u) | 0x3u; /* SW = PLL1 */
    while (((RCC_CFGR >> 3) & 0x7u) != 0x3u) {
    }
#ifdef LATE_LATENCY
    FLASH_ACR = 0x22u;
#endif
#ifdef LATENCY_LOWERED_AFTER
    FLASH_ACR = 0x11u; /* 1 wait state once PLL1 runs (as HAL_RCC_ClockConfig lowers it): too few for HCLK 200 MHz */
#endif
}

#ifdef RDP2
static void protect(void) {
    FLASH_OPTKEYR = 0x08192A3Bu;
    FLASH_OPTKEYR = 0x4C5D6E7Fu;
    FLASH_OPTSR_PRG = (FLASH_OPTSR_PRG & ~0xFF00u) | 0xCC00u; /* RDP level 2 */
    FLASH_OPTCR |= 0x2u;                                    /* OPTSTART */
    while (FLASH_OPTSR_CUR & 0x1u) {
    }
}
#endif

__attribute__((noinline)) void Error_Handler(void) {
    for (;;) {
    }
}

int main(void) {
    supply_config();
#ifdef ERROR_IN_MAIN
    if ((REG(0x4000481Cu) & 0x80u) == 0) { /* USART3 TXE, which nothing models: the "HAL call" fails */
        Error_Handler();
    }
#endif
    clock_config();
#ifdef RDP2
    protect();
#endif
#ifdef RTC_INIT
    if (!vendor_rtc_enter_init()) {
        Error_Handler();
    }
#endif
#ifdef PINS_ANALOG_BY_DRIVER
    vendor_pins_analog(&REG(0x58020000u), 0xFFFFu); /* all of GPIOA analog, SWD pins PA13/PA14 too */
#endif
#ifdef ETH_RESET
    REG(0x40029000u) |= 1u; /* ETH_DMAMR SWR, as HAL_ETH_Init: wait until the reset completes, else fail */
    for (int tries = 0; REG(0x40029000u) & 1u; tries++) {
        if (tries > 1000) Error_Handler();
    }
#endif
#ifdef RAM_FILL
    for (uint32_t i = 0; i < 32768u; i++) { /* 128 KB of AXI SRAM, a word a pass: computing, not waiting */
        ((volatile uint32_t *)0x24000000u)[i] = i;
    }
#endif
#ifdef STANDBY_BY_DRIVER
    HAL_PWR_EnterSTANDBYMode();
#endif
    for (;;) {
#ifdef WFI_AT_END
        __asm volatile("wfi");
#endif
        counter++;
    }
}
