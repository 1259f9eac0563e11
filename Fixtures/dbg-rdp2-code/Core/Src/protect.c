/* USER CODE BEGIN Header */
/**
  * @file    protect.c
  * @brief   Read-out protection for shipped boards.
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */
#include "main.h"

/** @brief Lock the flash against read-out, once. */
void Protect_Flash(void)
{
  FLASH_OBProgramInitTypeDef ob = {0};

  if ((FLASH->OPTSR_CUR & FLASH_OPTSR_RDP) != OB_RDP_LEVEL_0)
  {
    return;  /* already protected */
  }
  HAL_FLASH_Unlock();
  HAL_FLASH_OB_Unlock();
  ob.OptionType = OPTIONBYTE_RDP;
  ob.RDPLevel = OB_RDP_LEVEL_2;
  if (HAL_FLASHEx_OBProgram(&ob) != HAL_OK)
  {
    Error_Handler();
  }
  HAL_FLASH_OB_Launch();
  HAL_FLASH_OB_Lock();
  HAL_FLASH_Lock();
}
