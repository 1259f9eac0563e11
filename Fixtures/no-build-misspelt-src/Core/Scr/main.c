/**
  * @file    main.c
  * @brief   Entry point of no-build-misspelt-src. (h7lint test fixture: written for the tests.)
  */

#include "main.h"

int main(void)
{
  HAL_Init();
  SystemClock_Config();
  while (1) {}
}
