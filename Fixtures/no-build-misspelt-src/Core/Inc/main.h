/**
  * @file    main.h
  * @brief   Declarations shared by the sources of no-build-misspelt-src.
  *          (h7lint test fixture: written for the tests.)
  */

#ifndef __MAIN_H
#define __MAIN_H

#include "stm32h7xx_hal.h"
#include "stm32h7xx_hal_conf.h"

void Error_Handler(void);
void SystemClock_Config(void);

#endif /* __MAIN_H */
