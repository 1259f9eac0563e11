/* system_cm7.c: the CM7's SystemInit, register level (written for the h7lint tests). */
#include "stm32h7xx.h"

void SystemInit(void)
{
  /* FPU on. */
  SCB->CPACR |= (0xFU << 20);
  /* Back to the reset clocks: HSI on, SYSCLK from HSI, PLLs off, prescalers 1. */
  RCC->CR |= RCC_CR_HSION;
  RCC->CFGR = 0x00000000U;
  RCC->CR &= ~(RCC_CR_HSEON | RCC_CR_HSEBYP | RCC_CR_PLL1ON | RCC_CR_PLL2ON | RCC_CR_PLL3ON);
  RCC->D1CFGR = 0x00000000U;
  RCC->D2CFGR = 0x00000000U;
  RCC->D3CFGR = 0x00000000U;
}
