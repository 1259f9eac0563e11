/**
  * @file    stm32h7xx.h
  * @brief   STAND-IN written for the h7lint tests. This is NOT ST's CMSIS device
  *          header: it declares only what this fixture's sources use, for
  *          STM32H743xx (no SMPS, so bit 2 of PWR_CR3 is SCUEN). Register
  *          offsets and bit positions follow RM0433.
  */
#ifndef STM32H7XX_STAND_IN_H
#define STM32H7XX_STAND_IN_H

#include <stdint.h>

#if !defined(STM32H743xx)
#error "This stand-in header only covers STM32H743xx"
#endif

#define __IO volatile

/* Power control, registers up to D3CR */
typedef struct
{
  __IO uint32_t CR1;       /* offset 0x00 */
  __IO uint32_t CSR1;      /* offset 0x04 */
  __IO uint32_t CR2;       /* offset 0x08 */
  __IO uint32_t CR3;       /* offset 0x0C */
  __IO uint32_t CPUCR;     /* offset 0x10 */
  uint32_t      RESERVED0; /* offset 0x14 */
  __IO uint32_t D3CR;      /* offset 0x18 */
} PWR_TypeDef;

#define PERIPH_BASE           (0x40000000UL)
#define D3_AHB1PERIPH_BASE    (PERIPH_BASE + 0x18020000UL)
#define PWR_BASE              (D3_AHB1PERIPH_BASE + 0x4800UL)
#define PWR                   ((PWR_TypeDef *) PWR_BASE)

/* PWR_CR3 */
#define PWR_CR3_BYPASS        (0x1UL << 0)
#define PWR_CR3_LDOEN         (0x1UL << 1)
#define PWR_CR3_SCUEN         (0x1UL << 2)
/* PWR_CSR1 */
#define PWR_CSR1_ACTVOSRDY    (0x1UL << 13)
/* PWR_D3CR */
#define PWR_D3CR_VOSRDY       (0x1UL << 13)
#define PWR_D3CR_VOS_0        (0x1UL << 14)
#define PWR_D3CR_VOS_1        (0x2UL << 14)
#define PWR_D3CR_VOS          (0x3UL << 14)

/* Core intrinsic used by Error_Handler() */
static inline void __disable_irq(void)
{
  __asm volatile ("cpsid i" : : : "memory");
}

#endif /* STM32H7XX_STAND_IN_H */
