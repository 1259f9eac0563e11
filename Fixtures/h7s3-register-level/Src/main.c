/* main.c: register-level set-up for a NUCLEO-H7S3L8 (written for the h7lint tests). */
#include "stm32h7rsxx.h"

void SystemInit(void)
{
}

static void power_init(void)
{
  /* Planted: SMPS only (SDEN) on a board whose core supply comes from the LDO. */
  PWR->CSR2 = PWR_CSR2_SDEN;
  /* VOS low (SCALE1): the CSR4.VOS bit cleared. */
  PWR->CSR4 &= ~PWR_CSR4_VOS;
}

static void led_init(void)
{
  RCC->AHB4ENR |= (1U << 3);                               /* GPIOD clock */
  GPIOD->MODER = (GPIOD->MODER & ~(3U << 20)) | (1U << 20); /* PD10 output (LD1) */
}

int main(void)
{
  power_init();
  led_init();
  while (1) {
    GPIOD->ODR ^= (1U << 10);
    for (volatile uint32_t i = 0; i < 4000000U; i++) {
    }
  }
}
