/* Fixture written for h7lint's tests: the project's clock set-up, which selects the LDO while the board
 * manifest's USE_PWR_DIRECT_SMPS_SUPPLY has no effect (no system file with ExitRun0Mode is built). */
#include "stm32h7xx_hal.h"

void SystemClock_Config(void)
{
  if (HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY) != HAL_OK)
  {
    while (1) {}
  }
}
