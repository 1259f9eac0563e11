/* USER CODE BEGIN Header */
/**
  * @file    main.h
  * @brief   Declarations shared by main.c and the interrupt handlers.
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */
#ifndef __MAIN_H
#define __MAIN_H

#include "stm32h7xx_hal.h"

void Error_Handler(void);

#define LD1_Pin GPIO_PIN_0
#define LD1_GPIO_Port GPIOB

#endif /* __MAIN_H */
