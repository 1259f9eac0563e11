/* main.c: CM7 application, register level (written for the h7lint tests). */
#include "stm32h7xx.h"
#include "clock.h"

static void led_init(void)
{
  RCC->AHB4ENR |= (1U << 1);                     /* GPIOB clock */
  GPIOB->MODER = (GPIOB->MODER & ~(3U << 0)) | (1U << 0);  /* PB0 output (LD1) */
}

int main(void)
{
  Clock_Init();
  led_init();
  /* Release the CM4: it waits for HSEM 0. */
  HSEM->RLR[0] = 0U;

  while (1) {
    GPIOB->ODR ^= 1U;
    for (volatile uint32_t i = 0; i < 4000000U; i++) {
    }
  }
}
