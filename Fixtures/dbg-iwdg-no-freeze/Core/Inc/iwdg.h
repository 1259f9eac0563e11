/* USER CODE BEGIN Header */
/**
  * @file    iwdg.h
  * @brief   IWDG1 handle and set-up.
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */
#ifndef __IWDG_H__
#define __IWDG_H__

#include "main.h"

extern IWDG_HandleTypeDef hiwdg1;

void MX_IWDG1_Init(void);

#endif /* __IWDG_H__ */
