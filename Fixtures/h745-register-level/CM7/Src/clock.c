/* clock.c: CM7 clock and supply set-up, register level (written for the h7lint tests). */
#include "clock.h"

static void wait_set(volatile uint32_t *reg, uint32_t bit)
{
  while ((*reg & bit) == 0U) {
  }
}

void Clock_Init(void)
{
  /* Supply: direct SMPS, as the NUCLEO-H745ZI-Q is wired. */
  MODIFY_REG(PWR->CR3, PWR_SUPPLY_CONFIG_MASK, PWR_CR3_SMPSEN);
  wait_set(&PWR->CSR1, PWR_CSR1_ACTVOSRDY);

  /* Voltage scale 1. */
  MODIFY_REG(PWR->D3CR, PWR_D3CR_VOS, PWR_D3CR_VOS_1 | PWR_D3CR_VOS_0);
  wait_set(&PWR->D3CR, PWR_D3CR_VOSRDY);

  /* HSE: the ST-LINK's 8 MHz clock output, bypass mode. */
  RCC->CR |= RCC_CR_HSEBYP;
  RCC->CR |= RCC_CR_HSEON;
  wait_set(&RCC->CR, RCC_CR_HSERDY);

  /* PLL1: 8 MHz / 1 = 8 MHz reference, x 120 = 960 MHz VCO, / 2 = 480 MHz. */
  PLL1_CONFIG(1U, 120U, 2U, 4U, 2U);
  MODIFY_REG(RCC->PLLCFGR, RCC_PLLCFGR_PLL1RGE | RCC_PLLCFGR_PLL1VCOSEL | RCC_PLLCFGR_PLL1FRACEN,
             RCC_PLLCFGR_PLL1RGE_3);
  RCC->CR |= RCC_CR_PLL1ON;
  wait_set(&RCC->CR, RCC_CR_PLL1RDY);

  /* Buses: AXI / 2, APBs / 2 more. */
  MODIFY_REG(RCC->D1CFGR, RCC_D1CFGR_HPRE | RCC_D1CFGR_D1PPRE, RCC_D1CFGR_HPRE_DIV2 | RCC_D1CFGR_D1PPRE_DIV2);
  MODIFY_REG(RCC->D2CFGR, RCC_D2CFGR_D2PPRE1 | RCC_D2CFGR_D2PPRE2, RCC_D2CFGR_D2PPRE1_DIV2 | RCC_D2CFGR_D2PPRE2_DIV2);
  MODIFY_REG(RCC->D3CFGR, RCC_D3CFGR_D3PPRE, RCC_D3CFGR_D3PPRE_DIV2);

  /* Flash wait states, then SYSCLK from PLL1. */
  MODIFY_REG(FLASH->ACR, FLASH_ACR_LATENCY, FLASH_ACR_LATENCY_2WS);
  MODIFY_REG(RCC->CFGR, RCC_CFGR_SW, RCC_CFGR_SW_PLL1);
  while ((RCC->CFGR & RCC_CFGR_SWS) != RCC_CFGR_SWS_PLL1) {
  }
}
