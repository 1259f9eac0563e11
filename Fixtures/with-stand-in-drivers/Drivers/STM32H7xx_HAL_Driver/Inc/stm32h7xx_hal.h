/**
  * @file    stm32h7xx_hal.h
  * @brief   STAND-IN written for the h7lint tests. This is NOT ST's HAL header:
  *          it declares only what Core/Src/main.c of this fixture uses. Names
  *          and values are those of the HAL for STM32H743xx (h7-facts 7.1-7.3).
  */
#ifndef STM32H7XX_HAL_STAND_IN_H
#define STM32H7XX_HAL_STAND_IN_H

#include "stm32h7xx_hal_conf.h"
#include "stm32h7xx.h"

typedef enum
{
  HAL_OK      = 0x00U,
  HAL_ERROR   = 0x01U,
  HAL_BUSY    = 0x02U,
  HAL_TIMEOUT = 0x03U
} HAL_StatusTypeDef;

HAL_StatusTypeDef HAL_Init(void);

/* ---------------------------------------------------------------- PWR */
#define PWR_LDO_SUPPLY                     PWR_CR3_LDOEN    /* 0x02 */
#define PWR_EXTERNAL_SOURCE_SUPPLY         PWR_CR3_BYPASS   /* 0x01 */
#if defined(SMPS)
#define PWR_DIRECT_SMPS_SUPPLY             (0x04U)
#define PWR_SMPS_1V8_SUPPLIES_LDO          (0x16U)
#define PWR_SMPS_2V5_SUPPLIES_LDO          (0x26U)
#define PWR_SMPS_1V8_SUPPLIES_EXT_AND_LDO  (0x1EU)
#define PWR_SMPS_2V5_SUPPLIES_EXT_AND_LDO  (0x2EU)
#define PWR_SMPS_1V8_SUPPLIES_EXT          (0x1DU)
#define PWR_SMPS_2V5_SUPPLIES_EXT          (0x2DU)
#endif

#define PWR_REGULATOR_VOLTAGE_SCALE0       (0U)
#define PWR_REGULATOR_VOLTAGE_SCALE1       (PWR_D3CR_VOS_1 | PWR_D3CR_VOS_0)
#define PWR_REGULATOR_VOLTAGE_SCALE2       (PWR_D3CR_VOS_1)
#define PWR_REGULATOR_VOLTAGE_SCALE3       (PWR_D3CR_VOS_0)

#define PWR_FLAG_VOSRDY                    (0x10U)

/* Stand-in: writes VOS only (the real macro also handles ODEN for scale 0) */
#define __HAL_PWR_VOLTAGESCALING_CONFIG(__REGULATOR__) \
  do { PWR->D3CR = (PWR->D3CR & ~PWR_D3CR_VOS) | (__REGULATOR__); } while (0)

/* Stand-in: only PWR_FLAG_VOSRDY is supported */
#define __HAL_PWR_GET_FLAG(__FLAG__) \
  (((__FLAG__) == PWR_FLAG_VOSRDY) && ((PWR->D3CR & PWR_D3CR_VOSRDY) == PWR_D3CR_VOSRDY))

HAL_StatusTypeDef HAL_PWREx_ConfigSupply(uint32_t SupplySource);

/* ---------------------------------------------------------------- RCC */
typedef struct
{
  uint32_t PLLState;
  uint32_t PLLSource;
  uint32_t PLLM;
  uint32_t PLLN;
  uint32_t PLLP;
  uint32_t PLLQ;
  uint32_t PLLR;
  uint32_t PLLRGE;
  uint32_t PLLVCOSEL;
  uint32_t PLLFRACN;
} RCC_PLLInitTypeDef;

typedef struct
{
  uint32_t OscillatorType;
  uint32_t HSEState;
  uint32_t LSEState;
  uint32_t HSIState;
  uint32_t HSICalibrationValue;
  uint32_t LSIState;
  uint32_t HSI48State;
  uint32_t CSIState;
  uint32_t CSICalibrationValue;
  RCC_PLLInitTypeDef PLL;
} RCC_OscInitTypeDef;

typedef struct
{
  uint32_t ClockType;
  uint32_t SYSCLKSource;
  uint32_t SYSCLKDivider;
  uint32_t AHBCLKDivider;
  uint32_t APB3CLKDivider;
  uint32_t APB1CLKDivider;
  uint32_t APB2CLKDivider;
  uint32_t APB4CLKDivider;
} RCC_ClkInitTypeDef;

#define RCC_OSCILLATORTYPE_HSE    (0x00000001U)
#define RCC_HSE_ON                (0x00010000U)
#define RCC_HSE_BYPASS            (0x00050000U)
#define RCC_PLL_ON                (0x00000002U)
#define RCC_PLLSOURCE_HSE         (0x00000002U)
#define RCC_PLL1VCIRANGE_0        (0x00000000U)
#define RCC_PLL1VCIRANGE_1        (0x00000004U)
#define RCC_PLL1VCIRANGE_2        (0x00000008U)
#define RCC_PLL1VCIRANGE_3        (0x0000000CU)
#define RCC_PLL1VCOWIDE           (0x00000000U)
#define RCC_PLL1VCOMEDIUM         (0x00000002U)

#define RCC_CLOCKTYPE_SYSCLK      (0x00000001U)
#define RCC_CLOCKTYPE_HCLK        (0x00000002U)
#define RCC_CLOCKTYPE_D1PCLK1     (0x00000004U)
#define RCC_CLOCKTYPE_PCLK1       (0x00000008U)
#define RCC_CLOCKTYPE_PCLK2       (0x00000010U)
#define RCC_CLOCKTYPE_D3PCLK1     (0x00000020U)
#define RCC_SYSCLKSOURCE_PLLCLK   (0x00000003U)
#define RCC_SYSCLK_DIV1           (0x00000000U)
#define RCC_HCLK_DIV2             (0x00000008U)
#define RCC_APB3_DIV2             (0x00000040U)
#define RCC_APB1_DIV2             (0x00000040U)
#define RCC_APB2_DIV2             (0x00000400U)
#define RCC_APB4_DIV2             (0x00000040U)

#define FLASH_LATENCY_4           (0x00000004U)

HAL_StatusTypeDef HAL_RCC_OscConfig(RCC_OscInitTypeDef *RCC_OscInitStruct);
HAL_StatusTypeDef HAL_RCC_ClockConfig(RCC_ClkInitTypeDef *RCC_ClkInitStruct, uint32_t FLatency);

#endif /* STM32H7XX_HAL_STAND_IN_H */
