/* The few STM32H745 registers the image fixture writes, by address (RM0399: RCC 0x58024400, PWR 0x58024800,
   FLASH 0x52002000, SYSCFG 0x58000400). Written for h7lint's tests; no ST header is used. */
#ifndef H7REGS_H
#define H7REGS_H
#include <stdint.h>

#define REG(address) (*(volatile uint32_t *)(address))

#define PWR_CSR1 REG(0x58024804u)
#define PWR_CR3 REG(0x5802480Cu)
#define PWR_D3CR REG(0x58024818u)

#define RCC_CR REG(0x58024400u)
#define RCC_CFGR REG(0x58024410u)
#define RCC_D1CFGR REG(0x58024418u)
#define RCC_D2CFGR REG(0x5802441Cu)
#define RCC_D3CFGR REG(0x58024420u)
#define RCC_PLLCKSELR REG(0x58024428u)
#define RCC_PLLCFGR REG(0x5802442Cu)
#define RCC_PLL1DIVR REG(0x58024430u)
#define RCC_APB4ENR REG(0x580244F4u)

#define FLASH_ACR REG(0x52002000u)
#define FLASH_OPTKEYR REG(0x52002008u)
#define FLASH_OPTCR REG(0x52002018u)
#define FLASH_OPTSR_CUR REG(0x5200201Cu)
#define FLASH_OPTSR_PRG REG(0x52002020u)

#define SYSCFG_PWRCR REG(0x5800042Cu)

/* PWR_CR3 supply bits: BYPASS 0, LDOEN 1, SMPSEN 2. */
#define CR3_LDOEN 0x2u
#define CR3_SMPSEN 0x4u
#define CR3_SUPPLY_MASK 0x3Fu

#endif
