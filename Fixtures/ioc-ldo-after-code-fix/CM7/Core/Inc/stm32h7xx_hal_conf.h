/* USER CODE BEGIN Header */
/**
  * @file    stm32h7xx_hal_conf.h
  * @brief   HAL module selection and oscillator values (short form).
  *          (h7lint test fixture: CubeMX-shaped, written for the tests.)
  */
/* USER CODE END Header */

#ifndef STM32H7xx_HAL_CONF_H
#define STM32H7xx_HAL_CONF_H

#ifdef __cplusplus
extern "C" {
#endif

/* Modules used by this project */
#define HAL_MODULE_ENABLED
#define HAL_CORTEX_MODULE_ENABLED
#define HAL_EXTI_MODULE_ENABLED
#define HAL_FLASH_MODULE_ENABLED
#define HAL_GPIO_MODULE_ENABLED
#define HAL_HSEM_MODULE_ENABLED
#define HAL_PWR_MODULE_ENABLED
#define HAL_RCC_MODULE_ENABLED

/* Oscillator values (Hz) */
#if !defined  (HSE_VALUE)
#define HSE_VALUE    (8000000UL)
#endif
#if !defined  (HSE_STARTUP_TIMEOUT)
#define HSE_STARTUP_TIMEOUT    (5000UL)
#endif
#if !defined  (CSI_VALUE)
#define CSI_VALUE    (4000000UL)
#endif
#if !defined  (HSI_VALUE)
#define HSI_VALUE    (64000000UL)
#endif
#if !defined  (LSE_VALUE)
#define LSE_VALUE    (32768UL)
#endif

#define VDD_VALUE              (3300UL)
#define TICK_INT_PRIORITY      (15UL)
#define USE_RTOS               0
#define USE_SD_TRANSCEIVER     0U

#ifdef __cplusplus
}
#endif

#endif /* STM32H7xx_HAL_CONF_H */
