/* USER CODE BEGIN Header */
/**
  * @file    iwdg.c
  * @brief   IWDG1 set-up (CubeMX: peripheral initialization as a pair of .c/.h files).
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */
#include "iwdg.h"

IWDG_HandleTypeDef hiwdg1;

/** @brief IWDG1: about 250 ms (LSI 32 kHz / 4, reload 2000). */
void MX_IWDG1_Init(void)
{
  hiwdg1.Instance = IWDG1;
  hiwdg1.Init.Prescaler = IWDG_PRESCALER_4;
  hiwdg1.Init.Window = 4095;
  hiwdg1.Init.Reload = 2000;
  if (HAL_IWDG_Init(&hiwdg1) != HAL_OK)
  {
    Error_Handler();
  }
}
