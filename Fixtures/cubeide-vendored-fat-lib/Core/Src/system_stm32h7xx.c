/**
  ******************************************************************************
  * @file    system_stm32h7xx.c
  * @brief   Start-up helpers of this project: ExitRun0Mode(), SystemInit().
  *          Short version written for the h7lint tests (not the CMSIS file).
  ******************************************************************************
  */

#include "stm32h7xx.h"

/* Updated by the HAL when the clock tree changes */
uint32_t SystemCoreClock = 64000000UL;
uint32_t SystemD2Clock = 64000000UL;
const uint8_t D1CorePrescTable[16] = {0, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4, 6, 7, 8, 9};

/**
  * @brief  Leaves Run* mode. Applies the supply configuration named by a
  *         USE_PWR_xxx build define (the first one in this order wins), then
  *         waits until the core voltage levels are valid (ACTVOSRDY).
  *         Reset_Handler calls it before SystemInit and before .data/.bss.
  * @retval None
  */
void ExitRun0Mode(void)
{
#if defined(USE_PWR_LDO_SUPPLY)
  /* LDO supplies Vcore */
#if defined(SMPS)
  PWR->CR3 = (PWR->CR3 & ~PWR_CR3_SMPSEN) | PWR_CR3_LDOEN;
#else
  PWR->CR3 |= PWR_CR3_LDOEN;
#endif
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_EXTERNAL_SOURCE_SUPPLY)
  /* Vcore from an external source, LDO bypassed */
#if defined(SMPS)
  PWR->CR3 = (PWR->CR3 & ~(PWR_CR3_SMPSEN | PWR_CR3_LDOEN)) | PWR_CR3_BYPASS;
#else
  PWR->CR3 = (PWR->CR3 & ~PWR_CR3_LDOEN) | PWR_CR3_BYPASS;
#endif
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_DIRECT_SMPS_SUPPLY) && defined(SMPS)
  /* SMPS supplies Vcore directly: it is already on after reset, turn the LDO off */
  PWR->CR3 &= ~PWR_CR3_LDOEN;
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_SMPS_1V8_SUPPLIES_LDO) && defined(SMPS)
  PWR->CR3 |= (PWR_CR3_SMPSLEVEL_0 | PWR_CR3_SMPSEN | PWR_CR3_LDOEN);
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_SMPS_2V5_SUPPLIES_LDO) && defined(SMPS)
  PWR->CR3 |= (PWR_CR3_SMPSLEVEL_1 | PWR_CR3_SMPSEN | PWR_CR3_LDOEN);
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_SMPS_1V8_SUPPLIES_EXT_AND_LDO) && defined(SMPS)
  PWR->CR3 |= (PWR_CR3_SMPSLEVEL_0 | PWR_CR3_SMPSEXTHP | PWR_CR3_SMPSEN | PWR_CR3_LDOEN);
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_SMPS_2V5_SUPPLIES_EXT_AND_LDO) && defined(SMPS)
  PWR->CR3 |= (PWR_CR3_SMPSLEVEL_1 | PWR_CR3_SMPSEXTHP | PWR_CR3_SMPSEN | PWR_CR3_LDOEN);
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_SMPS_1V8_SUPPLIES_EXT) && defined(SMPS)
  PWR->CR3 = (PWR->CR3 & ~PWR_CR3_LDOEN) | PWR_CR3_SMPSLEVEL_0 | PWR_CR3_SMPSEXTHP | PWR_CR3_SMPSEN | PWR_CR3_BYPASS;
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#elif defined(USE_PWR_SMPS_2V5_SUPPLIES_EXT) && defined(SMPS)
  PWR->CR3 = (PWR->CR3 & ~PWR_CR3_LDOEN) | PWR_CR3_SMPSLEVEL_1 | PWR_CR3_SMPSEXTHP | PWR_CR3_SMPSEN | PWR_CR3_BYPASS;
  while ((PWR->CSR1 & PWR_CSR1_ACTVOSRDY) == 0U) { }
#else
  /* No USE_PWR_xxx define: PWR->CR3 keeps its reset value here */
#endif
}

/**
  * @brief  Early system set-up. Empty here: vector table, FPU and RCC stay at
  *         their reset state for these tests.
  * @retval None
  */
void SystemInit(void)
{
}
