/* Fixture written for h7lint's tests: the library's STM32F4 test harness, not built for the H7. */
#include "stm32f4xx_hal.h"
#ifndef STM32F407xx
#error "this test runs on an STM32F407 only"
#endif
void SystemClock_Config(void)
{
  HAL_RCC_OscConfig(0);
}
int main(void)
{
  SystemClock_Config();
  return 0;
}
