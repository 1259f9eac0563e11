/* USER CODE BEGIN Header */
/**
  * @file    boot_config.c
  * @brief   Boot address option bytes, ported from an STM32F7 project.
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */
#include "main.h"

/** @brief Make sure boot address 0 points at the application in flash. */
void BootConfig_Apply(void)
{
  FLASH_OBProgramInitTypeDef ob = {0};

  HAL_FLASH_Unlock();
  HAL_FLASH_OB_Unlock();
  ob.OptionType = OPTIONBYTE_BOOTADD;
  ob.BootConfig = OB_BOOT_ADD0;
  ob.BootAddr0 = OB_BOOTADDR_AXIM_FLASH;   /* the STM32F7 constant for 0x08000000 */
  if (HAL_FLASHEx_OBProgram(&ob) != HAL_OK)
  {
    Error_Handler();
  }
  HAL_FLASH_OB_Launch();
  HAL_FLASH_OB_Lock();
  HAL_FLASH_Lock();
}
