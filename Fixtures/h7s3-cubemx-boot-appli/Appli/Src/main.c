/* main.c: Appli image, run from external flash after Boot (written for the h7lint tests). */
#include "main.h"

void SystemClock_Config(void);

int main(void)
{
  HAL_Init();
  SystemClock_Config();
  while (1)
  {
    HAL_GPIO_TogglePin(GPIOD, GPIO_PIN_10);
    HAL_Delay(500);
  }
}

/* The clocks stay as Boot left them; CubeMX generates this function for the Appli context too. */
void SystemClock_Config(void)
{
  /* Planted: VOS low while Boot runs the CPU at 600 MHz. */
  if (HAL_PWREx_ControlVoltageScaling(PWR_REGULATOR_VOLTAGE_SCALE1) != HAL_OK)
  {
    Error_Handler();
  }
}

void Error_Handler(void)
{
  while (1)
  {
  }
}
