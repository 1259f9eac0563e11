/**
  ******************************************************************************
  * @file    system_stm32h7xx_dualcore_boot_cm4_cm7.c
  * @brief   Start-up helpers of this project: SystemInit().
  *          Short version written for the h7lint tests (not the CMSIS file).
  ******************************************************************************
  */

#include "stm32h7xx.h"

/* Updated by the HAL when the clock tree changes */
uint32_t SystemCoreClock = 64000000UL;
uint32_t SystemD2Clock = 64000000UL;
const uint8_t D1CorePrescTable[16] = {0, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4, 6, 7, 8, 9};

/**
  * @brief  Early system set-up. Empty here: vector table, FPU and RCC stay at
  *         their reset state for these tests.
  * @retval None
  */
void SystemInit(void)
{
}
