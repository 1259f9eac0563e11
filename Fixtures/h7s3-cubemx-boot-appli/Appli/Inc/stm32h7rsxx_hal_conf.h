/* stm32h7rsxx_hal_conf.h: the values this project's HAL configuration sets (written for the h7lint tests). */
#ifndef STM32H7RSXX_HAL_CONF_H
#define STM32H7RSXX_HAL_CONF_H
#define HSE_VALUE 24000000UL
#endif
