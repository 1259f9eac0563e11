/* stm32h7rsxx_hal_msp.c: Appli image MSP initialisation (written for the h7lint tests). */
#include "main.h"

void HAL_MspInit(void)
{
  /* Planted: a different scheme than the Boot image's, after Boot has locked the supply. */
  if (HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY) != HAL_OK)
  {
    Error_Handler();
  }
}
