/* stm32h7rsxx_hal_msp.c: Boot image MSP initialisation (written for the h7lint tests). */
#include "main.h"

void HAL_MspInit(void)
{
  /* The supply is configured here, as CubeMX does for this line. */
  if (HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY) != HAL_OK)
  {
    Error_Handler();
  }
}
