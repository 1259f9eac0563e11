/**
  * @file    stm32h7xx_hal_conf.h
  * @brief   HAL module selection and oscillator values (short form), kept outside Core/Inc.
  *          (h7lint test fixture: written for the tests.)
  */

#ifndef STM32H7xx_HAL_CONF_H
#define STM32H7xx_HAL_CONF_H

#define HAL_MODULE_ENABLED
#define HAL_CORTEX_MODULE_ENABLED
#define HAL_FLASH_MODULE_ENABLED
#define HAL_GPIO_MODULE_ENABLED
#define HAL_PWR_MODULE_ENABLED
#define HAL_RCC_MODULE_ENABLED

/* Oscillator values (Hz): the board's ST-LINK MCO */
#if !defined  (HSE_VALUE)
#define HSE_VALUE    (8000000UL)
#endif
#if !defined  (HSI_VALUE)
#define HSI_VALUE    (64000000UL)
#endif

#endif /* STM32H7xx_HAL_CONF_H */
