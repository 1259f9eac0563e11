/* main.h (written for the h7lint tests). */
#ifndef MAIN_H
#define MAIN_H
#include "stm32h7rsxx_hal.h"
void Error_Handler(void);
#endif
