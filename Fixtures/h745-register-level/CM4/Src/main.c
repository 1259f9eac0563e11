/* main.c: CM4 application, register level (written for the h7lint tests). It leaves the supply and the
   clocks to the CM7 and blinks LD2 once the CM7 has released HSEM 0. */
#include "stm32h7xx.h"

void SystemInit(void)
{
}

int main(void)
{
  while (HSEM->R[0] != 0U) {
  }
  RCC->AHB4ENR |= (1U << 4);                     /* GPIOE clock */
  GPIOE->MODER = (GPIOE->MODER & ~(3U << 2)) | (1U << 2);  /* PE1 output (LD2) */
  while (1) {
    GPIOE->ODR ^= (1U << 1);
    for (volatile uint32_t i = 0; i < 2000000U; i++) {
    }
  }
}
