/* clock.h: register-level clock set-up of the CM7 image (written for the h7lint tests). */
#ifndef CLOCK_H
#define CLOCK_H

#include "stm32h7xx.h"

/* PLL1 from the HSE: M into PLLCKSELR, N/P/Q/R (each minus one) into PLL1DIVR. */
#define PLL1_CONFIG(m, n, p, q, r) do { \
    RCC->PLLCKSELR = (RCC->PLLCKSELR & ~(RCC_PLLCKSELR_DIVM1 | RCC_PLLCKSELR_PLLSRC)) \
                     | ((m) << RCC_PLLCKSELR_DIVM1_Pos) | RCC_PLLCKSELR_PLLSRC_HSE; \
    RCC->PLL1DIVR = (((n) - 1U) << RCC_PLL1DIVR_N1_Pos) | (((p) - 1U) << RCC_PLL1DIVR_P1_Pos) \
                  | (((q) - 1U) << RCC_PLL1DIVR_Q1_Pos) | (((r) - 1U) << RCC_PLL1DIVR_R1_Pos); \
  } while (0)

void Clock_Init(void);

#endif
