/* USER CODE BEGIN Header */
/**
  * @file    low_power.c
  * @brief   Low-power helpers of the application.
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */
#include "main.h"

/** @brief Sleep in Stop until the next wake-up event (RTC, EXTI). */
void LowPower_EnterStop(void)
{
  HAL_SuspendTick();
  HAL_PWREx_EnterSTOPMode(PWR_MAINREGULATOR_ON, PWR_STOPENTRY_WFI, PWR_D1_DOMAIN);
  SystemClock_Config();
  HAL_ResumeTick();
}

/** @brief Standby on a long button press: called from the EXTI callback, not from main. */
void LowPower_EnterStandby(void)
{
  HAL_PWREx_EnterSTANDBYMode(PWR_D1_DOMAIN);
}

void HAL_GPIO_EXTI_Callback(uint16_t GPIO_Pin)
{
  if (GPIO_Pin == GPIO_PIN_13)
  {
    LowPower_EnterStandby();
  }
}
