/*
 * h7lint's stand-in for the STM32H7 HAL, LL and CMSIS headers, written for h7lint.
 * Used only when a project's own driver headers are not on its include path: it declares just
 * enough (types, register blocks, functions, function-like macros) for libclang to keep the
 * statements the rules read. Constant values are not here: h7lint defines them before this file
 * from Rules/hal-identifiers.yml, for the project's part.
 */
#ifndef H7LINT_PRELUDE_H
#define H7LINT_PRELUDE_H

#include <stdint.h>
#include <stddef.h>

#define __IO volatile
#define __I volatile const
#define __O volatile
#ifndef __weak
#define __weak __attribute__((weak))
#endif

typedef enum { HAL_OK = 0x00, HAL_ERROR = 0x01, HAL_BUSY = 0x02, HAL_TIMEOUT = 0x03 } HAL_StatusTypeDef;
typedef enum { RESET = 0, SET = !RESET } FlagStatus, ITStatus;
typedef enum { DISABLE = 0, ENABLE = !DISABLE } FunctionalState;
typedef enum { SUCCESS = 0, ERROR = !SUCCESS } ErrorStatus;

/* Register blocks: only the registers rules look at, by their reference-manual names. */
typedef struct { __IO uint32_t CR1, CSR1, CR2, CR3, CPUCR, RESERVED0, D3CR, SRDCR, WKUPCR, WKUPFR, WKUPEPR,
  CSR2, CSR4, SR1; /* STM32H7R/S: supply in CSR2, VOS in CSR4, ready flags in SR1 */ } PWR_TypeDef;
typedef struct { __IO uint32_t ACR, KEYR1, OPTKEYR, CR1, SR1, CCR1, OPTCR, OPTSR_CUR, OPTSR_PRG, OPTCCR, PRAR_CUR1, PRAR_PRG1, SCAR_CUR1, SCAR_PRG1, WPSN_CUR1, WPSN_PRG1, BOOT_CUR, BOOT_PRG, OPTSR2_CUR, OPTSR2_PRG; } FLASH_TypeDef;
typedef struct { __IO uint32_t PMCR, EXTICR[4], CFGR, CCCSR, CCVR, CCCR, PWRCR, UR0, UR1, UR2, UR3, UR18; } SYSCFG_TypeDef;
typedef struct { __IO uint32_t MODER, OTYPER, OSPEEDR, PUPDR, IDR, ODR, BSRR, LCKR, AFR[2]; } GPIO_TypeDef;
typedef struct { __IO uint32_t IDCODE, CR, APB3FZ1, APB1LFZ1, APB1HFZ1, APB2FZ1, APB4FZ1; } DBGMCU_TypeDef;
typedef struct { __IO uint32_t CR, HSICFGR, CRRCR, CSICFGR, CFGR, D1CFGR, D2CFGR, D3CFGR, PLLCKSELR, PLLCFGR, PLL1DIVR, PLL1FRACR, PLL2DIVR, PLL2FRACR, PLL3DIVR, PLL3FRACR,
  CDCFGR1, CDCFGR2, SRDCFGR, CDCFGR, BMCFGR, APBCFGR, D1CCIPR, D2CCIP1R, D2CCIP2R, D3CCIPR, CDCCIPR, CDCCIP1R, CDCCIP2R, SRDCCIPR, CIER, CIFR, CICR, BDCR, CSR,
  AHB3ENR, AHB1ENR, AHB2ENR, AHB4ENR, APB3ENR, APB1LENR, APB1HENR, APB2ENR, APB4ENR, GCR, D3AMR, RSR; } RCC_TypeDef;
typedef struct { __IO uint32_t CPUID, ICSR, VTOR, AIRCR, SCR, CCR; } SCB_Type;
typedef struct { __IO uint32_t SR, PR, KR, RLR, WINR; } IWDG_TypeDef;

#define PWR    ((PWR_TypeDef *) 0x58024800UL)
#define FLASH  ((FLASH_TypeDef *) 0x52002000UL)
#define SYSCFG ((SYSCFG_TypeDef *) 0x58000400UL)
#define DBGMCU ((DBGMCU_TypeDef *) 0x5C001000UL)
#define RCC    ((RCC_TypeDef *) 0x58024400UL)
#define SCB    ((SCB_Type *) 0xE000ED00UL)
#define GPIOA  ((GPIO_TypeDef *) 0x58020000UL)
#define GPIOB  ((GPIO_TypeDef *) 0x58020400UL)
#define GPIOC  ((GPIO_TypeDef *) 0x58020800UL)
#define GPIOD  ((GPIO_TypeDef *) 0x58020C00UL)
#define GPIOE  ((GPIO_TypeDef *) 0x58021000UL)
#define GPIOF  ((GPIO_TypeDef *) 0x58021400UL)
#define GPIOG  ((GPIO_TypeDef *) 0x58021800UL)
#define GPIOH  ((GPIO_TypeDef *) 0x58021C00UL)
#define GPIOI  ((GPIO_TypeDef *) 0x58022000UL)
#define GPIOJ  ((GPIO_TypeDef *) 0x58022400UL)
#define GPIOK  ((GPIO_TypeDef *) 0x58022800UL)
#define IWDG1  ((IWDG_TypeDef *) 0x58004800UL)

/* HAL init structures, with the HAL's field names. */
typedef struct { uint32_t PLLState, PLLSource, PLLM, PLLN, PLLP, PLLQ, PLLR, PLLRGE, PLLVCOSEL, PLLFRACN,
  PLLS, PLLT, PLLFractional; /* STM32H7R/S */ } RCC_PLLInitTypeDef;
typedef struct {
  uint32_t OscillatorType, HSEState, LSEState, HSIState, HSICalibrationValue, LSIState, HSI48State, CSIState, CSICalibrationValue;
  RCC_PLLInitTypeDef PLL;
  uint32_t HSIDiv; RCC_PLLInitTypeDef PLL1, PLL2, PLL3; /* STM32H7R/S: three PLLs set here */
} RCC_OscInitTypeDef;
typedef struct { uint32_t ClockType, SYSCLKSource, SYSCLKDivider, AHBCLKDivider, APB3CLKDivider, APB1CLKDivider, APB2CLKDivider, APB4CLKDivider, APB5CLKDivider; } RCC_ClkInitTypeDef;
typedef struct { uint32_t PLL2M, PLL2N, PLL2P, PLL2Q, PLL2R, PLL2RGE, PLL2VCOSEL, PLL2FRACN; } RCC_PLL2InitTypeDef;
typedef struct { uint32_t PLL3M, PLL3N, PLL3P, PLL3Q, PLL3R, PLL3RGE, PLL3VCOSEL, PLL3FRACN; } RCC_PLL3InitTypeDef;
typedef struct { uint64_t PeriphClockSelection; RCC_PLL2InitTypeDef PLL2; RCC_PLL3InitTypeDef PLL3; uint32_t AdcClockSelection, CecClockSelection, CkperClockSelection, Dfsdm1ClockSelection, Dfsdm2ClockSelection, DsiClockSelection, FdcanClockSelection, FmcClockSelection, Hrtim1ClockSelection, I2c1235ClockSelection, I2c123ClockSelection, I2c4ClockSelection, Lptim1ClockSelection, Lptim2ClockSelection, Lptim345ClockSelection, Lpuart1ClockSelection, OspiClockSelection, QspiClockSelection, RTCClockSelection, RngClockSelection, Sai1ClockSelection, Sai23ClockSelection, Sai2AClockSelection, Sai2BClockSelection, Sai4AClockSelection, Sai4BClockSelection, SdmmcClockSelection, SpdifrxClockSelection, Spi123ClockSelection, Spi45ClockSelection, Spi6ClockSelection, Swpmi1ClockSelection, Usart16ClockSelection, Usart234578ClockSelection, UsbClockSelection, TIMPresSelection; } RCC_PeriphCLKInitTypeDef;
typedef struct { uint32_t Pin, Mode, Pull, Speed, Alternate; } GPIO_InitTypeDef;
typedef struct { uint32_t OptionType, WRPState, WRPSector, RDPLevel, BORLevel, USERType, USERConfig, Banks, PCROPConfig, PCROPStartAddr, PCROPEndAddr, BootConfig, BootAddr0, BootAddr1, CM4BootConfig, CM4BootAddr0, CM4BootAddr1, SecureAreaConfig, SecureAreaStartAddr, SecureAreaEndAddr, SharedRamConfig, FreqBoostState,
  USERConfig1, USERConfig2, NVState, ROTConfig; /* STM32H7R/S */ } FLASH_OBProgramInitTypeDef;
typedef struct { uint32_t Prescaler, Window, Reload, EWI; } IWDG_InitTypeDef;
typedef struct { IWDG_TypeDef *Instance; IWDG_InitTypeDef Init; } IWDG_HandleTypeDef;
typedef struct { uint32_t Enable, BaseAddress, Size, AccessPermission, IsBufferable, IsCacheable, IsShareable, Number, TypeExtField, SubRegionDisable, DisableExec; } MPU_Region_InitTypeDef;

/* Functions the rules read. */
HAL_StatusTypeDef HAL_Init(void);
HAL_StatusTypeDef HAL_PWREx_ConfigSupply(uint32_t SupplySource);
HAL_StatusTypeDef HAL_PWREx_ControlVoltageScaling(uint32_t VoltageScaling);
HAL_StatusTypeDef HAL_RCC_OscConfig(RCC_OscInitTypeDef *RCC_OscInitStruct);
HAL_StatusTypeDef HAL_RCC_ClockConfig(RCC_ClkInitTypeDef *RCC_ClkInitStruct, uint32_t FLatency);
HAL_StatusTypeDef HAL_RCCEx_PeriphCLKConfig(RCC_PeriphCLKInitTypeDef *PeriphClkInit);
void HAL_GPIO_Init(GPIO_TypeDef *GPIOx, GPIO_InitTypeDef *GPIO_Init);
void HAL_GPIO_DeInit(GPIO_TypeDef *GPIOx, uint32_t GPIO_Pin);
HAL_StatusTypeDef HAL_FLASH_Unlock(void);
HAL_StatusTypeDef HAL_FLASH_Lock(void);
HAL_StatusTypeDef HAL_FLASH_OB_Unlock(void);
HAL_StatusTypeDef HAL_FLASH_OB_Lock(void);
HAL_StatusTypeDef HAL_FLASH_OB_Launch(void);
HAL_StatusTypeDef HAL_FLASHEx_OBProgram(FLASH_OBProgramInitTypeDef *pOBInit);
void HAL_PWR_EnterSTOPMode(uint32_t Regulator, uint8_t STOPEntry);
void HAL_PWR_EnterSLEEPMode(uint32_t Regulator, uint8_t SLEEPEntry);
void HAL_PWR_EnterSTANDBYMode(void);
void HAL_PWR_EnableSleepOnExit(void);
void HAL_PWREx_EnterSTOPMode(uint32_t Regulator, uint8_t STOPEntry, uint32_t Domain);
void HAL_PWREx_EnterSTANDBYMode(uint32_t Domain);
void HAL_PWREx_EnterSTOP2Mode(uint32_t Regulator, uint8_t STOPEntry);
void HAL_DBGMCU_EnableDBGSleepMode(void);
void HAL_DBGMCU_EnableDBGStopMode(void);
void HAL_DBGMCU_EnableDBGStandbyMode(void);
void HAL_DBGMCU_DisableDBGSleepMode(void);
void HAL_DBGMCU_DisableDBGStopMode(void);
void HAL_DBGMCU_DisableDBGStandbyMode(void);
void HAL_SYSCFG_EnableCM7BOOT(void);
void HAL_SYSCFG_DisableCM7BOOT(void);
void HAL_SYSCFG_EnableCM4BOOT(void);
void HAL_SYSCFG_DisableCM4BOOT(void);
void HAL_SYSCFG_CM7BootAddConfig(uint32_t BootRegister, uint32_t BootAddress);
void HAL_SYSCFG_CM4BootAddConfig(uint32_t BootRegister, uint32_t BootAddress);
HAL_StatusTypeDef HAL_IWDG_Init(IWDG_HandleTypeDef *hiwdg);
void HAL_MPU_ConfigRegion(MPU_Region_InitTypeDef *MPU_Init);
void HAL_Delay(uint32_t Delay);
void Error_Handler(void);
void SystemClock_Config(void);
void LL_PWR_ConfigSupply(uint32_t SupplySource);
void LL_PWR_SetRegulVoltageScaling(uint32_t VoltageScaling);
void LL_FLASH_SetLatency(uint32_t Latency);
void LL_RCC_HSE_Enable(void);
void LL_RCC_HSE_EnableBypass(void);
void LL_RCC_HSE_DisableBypass(void);
void LL_RCC_PLL_SetSource(uint32_t PLLSource);
void LL_RCC_PLL1_SetM(uint32_t M);
void LL_RCC_PLL1_SetN(uint32_t N);
void LL_RCC_PLL1_SetP(uint32_t P);
void LL_RCC_PLL1_SetQ(uint32_t Q);
void LL_RCC_PLL1_SetR(uint32_t R);
void LL_RCC_PLL1_SetFRACN(uint32_t FRACN);
void LL_RCC_PLL1_SetVCOInputRange(uint32_t InputRange);
void LL_RCC_PLL1_SetVCOOutputRange(uint32_t VCORange);
void LL_RCC_SetSysClkSource(uint32_t Source);
void LL_RCC_SetSysPrescaler(uint32_t Prescaler);
void LL_RCC_SetAHBPrescaler(uint32_t Prescaler);
void LL_RCC_SetAPB1Prescaler(uint32_t Prescaler);
void LL_RCC_SetAPB2Prescaler(uint32_t Prescaler);
void LL_RCC_SetAPB3Prescaler(uint32_t Prescaler);
void LL_RCC_SetAPB4Prescaler(uint32_t Prescaler);
void LL_GPIO_SetPinMode(GPIO_TypeDef *GPIOx, uint32_t Pin, uint32_t Mode);
void LL_SetSystemCoreClock(uint32_t HCLKFrequency);
void LL_Init1msTick(uint32_t HCLKFrequency);

/* Function-like macros the rules read: kept as macros so their arguments stay visible. */
#define __HAL_PWR_VOLTAGESCALING_CONFIG(__REGULATOR__) ((void)(__REGULATOR__))
#define __HAL_PWR_GET_FLAG(__FLAG__) (1U)
#define __HAL_RCC_SYSCFG_CLK_ENABLE() ((void)0)
#define __HAL_FLASH_SET_LATENCY(__LATENCY__) ((void)(__LATENCY__))
#define __HAL_FLASH_SET_PROGRAM_DELAY(__DELAY__) ((void)(__DELAY__))
#define __HAL_RCC_PLL_CONFIG(s, m, n, p, q, r) ((void)((s) + (m) + (n) + (p) + (q) + (r)))
#define __HAL_RCC_PLLFRACN_CONFIG(f) ((void)(f))
#define __HAL_RCC_PLL_VCIRANGE(r) ((void)(r))
#define __HAL_RCC_PLL_VCORANGE(r) ((void)(r))
#define __HAL_DBGMCU_FREEZE_IWDG1() ((void)0)
#define __HAL_DBGMCU_FREEZE_WWDG1() ((void)0)
#define __HAL_RCC_GPIOA_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOB_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOC_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOD_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOE_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOF_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOG_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOH_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOI_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOJ_CLK_ENABLE() ((void)0)
#define __HAL_RCC_GPIOK_CLK_ENABLE() ((void)0)
#define __WFI() ((void)0)
#define __WFE() ((void)0)
#define __DSB() ((void)0)
#define __ISB() ((void)0)
#define __disable_irq() ((void)0)
#define __enable_irq() ((void)0)
#define UNUSED(X) (void)(X)
#define __HAL_DBGMCU_FREEZE2_IWDG1() ((void)0)
#define __HAL_DBGMCU_FREEZE2_IWDG2() ((void)0)
#define __HAL_DBGMCU_FREEZE2_WWDG1() ((void)0)
#define __HAL_DBGMCU_FREEZE2_WWDG2() ((void)0)

/* Debug lock-out rules: watchdogs, dual-core wake-up, LL GPIO and DBGMCU, Cortex low-power bits. */
typedef struct { __IO uint32_t CR, CFR, SR; } WWDG_TypeDef;
typedef struct { uint32_t Prescaler, Window, Counter, EWIMode; } WWDG_InitTypeDef;
typedef struct { WWDG_TypeDef *Instance; WWDG_InitTypeDef Init; } WWDG_HandleTypeDef;
typedef struct { uint32_t Pin, Mode, Speed, OutputType, Pull, Alternate; } LL_GPIO_InitTypeDef;
#define IWDG2  ((IWDG_TypeDef *) 0x58004C00UL)
#define WWDG1  ((WWDG_TypeDef *) 0x50003000UL)
#define WWDG2  ((WWDG_TypeDef *) 0x40002C00UL)
HAL_StatusTypeDef HAL_WWDG_Init(WWDG_HandleTypeDef *hwwdg);
void LL_IWDG_Enable(IWDG_TypeDef *IWDGx);
void LL_WWDG_Enable(WWDG_TypeDef *WWDGx);
void HAL_HSEM_ActivateNotification(uint32_t SemMask);
typedef struct { __IO uint32_t R[32], RLR[32], C1IER, C1ICR, C1ISR, C1MISR, C2IER, C2ICR, C2ISR, C2MISR; } HSEM_TypeDef;
#define HSEM   ((HSEM_TypeDef *) 0x58026400UL)
void LL_HSEM_EnableIT_C2IER(HSEM_TypeDef *HSEMx, uint32_t SemaphoreMask);
#define __HAL_HSEM_SEMID_TO_MASK(__SEMID__) (1UL << (__SEMID__))
#define __HAL_RCC_HSEM_CLK_ENABLE() ((void)0)
void HAL_PWREx_ClearPendingEvent(void);
uint32_t ITM_SendChar(uint32_t ch);
ErrorStatus LL_GPIO_Init(GPIO_TypeDef *GPIOx, LL_GPIO_InitTypeDef *GPIO_InitStruct);
void LL_GPIO_SetAFPin_0_7(GPIO_TypeDef *GPIOx, uint32_t Pin, uint32_t Alternate);
void LL_GPIO_SetAFPin_8_15(GPIO_TypeDef *GPIOx, uint32_t Pin, uint32_t Alternate);
void HAL_EnableDomain2DBGSleepMode(void);
void HAL_EnableDomain2DBGStopMode(void);
void HAL_EnableDomain2DBGStandbyMode(void);
void LL_DBGMCU_EnableD1DebugInSleepMode(void);
void LL_DBGMCU_EnableD1DebugInStopMode(void);
void LL_DBGMCU_EnableD1DebugInStandbyMode(void);
void LL_DBGMCU_EnableD2DebugInSleepMode(void);
void LL_DBGMCU_EnableD2DebugInStopMode(void);
void LL_DBGMCU_EnableD2DebugInStandbyMode(void);
void LL_DBGMCU_APB3_GRP1_FreezePeriph(uint32_t Periphs);
void LL_DBGMCU_APB4_GRP1_FreezePeriph(uint32_t Periphs);
void LL_LPM_EnableDeepSleep(void);
void LL_LPM_EnableSleepOnExit(void);
#define SET_BIT(REG, BIT) ((REG) |= (BIT))
#define CLEAR_BIT(REG, BIT) ((REG) &= ~(BIT))
#define READ_BIT(REG, BIT) ((REG) & (BIT))
#define WRITE_REG(REG, VAL) ((REG) = (VAL))
#define READ_REG(REG) ((REG))
#define MODIFY_REG(REG, CLEARMASK, SETMASK) WRITE_REG((REG), (((READ_REG(REG)) & (~(CLEARMASK))) | (SETMASK)))


/* Clock set-up (clock rules): LL calls and HAL macros the clock model reads. */
HAL_StatusTypeDef HAL_RCC_GetOscConfig(RCC_OscInitTypeDef *RCC_OscInitStruct);
void HAL_RCC_GetClockConfig(RCC_ClkInitTypeDef *RCC_ClkInitStruct, uint32_t *pFLatency);
void LL_RCC_HSE_SelectDigitalClock(void);
void LL_RCC_HSE_SelectAnalogClock(void);
void LL_RCC_HSE_Disable(void);
void LL_RCC_HSI_Enable(void);
void LL_RCC_HSI_SetDivider(uint32_t Divider);
void LL_RCC_CSI_Enable(void);
void LL_RCC_PLL1_Enable(void);
void LL_RCC_PLL1_Disable(void);
void LL_RCC_PLL2_Enable(void);
void LL_RCC_PLL2_Disable(void);
void LL_RCC_PLL3_Enable(void);
void LL_RCC_PLL3_Disable(void);
void LL_RCC_PLL2_SetM(uint32_t M);
void LL_RCC_PLL2_SetN(uint32_t N);
void LL_RCC_PLL2_SetP(uint32_t P);
void LL_RCC_PLL2_SetQ(uint32_t Q);
void LL_RCC_PLL2_SetR(uint32_t R);
void LL_RCC_PLL2_SetFRACN(uint32_t FRACN);
void LL_RCC_PLL2_SetVCOInputRange(uint32_t InputRange);
void LL_RCC_PLL2_SetVCOOutputRange(uint32_t VCORange);
void LL_RCC_PLL3_SetM(uint32_t M);
void LL_RCC_PLL3_SetN(uint32_t N);
void LL_RCC_PLL3_SetP(uint32_t P);
void LL_RCC_PLL3_SetQ(uint32_t Q);
void LL_RCC_PLL3_SetR(uint32_t R);
void LL_RCC_PLL3_SetFRACN(uint32_t FRACN);
void LL_RCC_PLL3_SetVCOInputRange(uint32_t InputRange);
void LL_RCC_PLL3_SetVCOOutputRange(uint32_t VCORange);
#define __HAL_RCC_HSE_CONFIG(__STATE__) ((void)(__STATE__))
#define __HAL_RCC_HSI_CONFIG(__STATE__) ((void)(__STATE__))
#define __HAL_RCC_PLL_ENABLE() ((void)0)
#define __HAL_RCC_PLL_DISABLE() ((void)0)
#define __HAL_RCC_SYSCLK_CONFIG(__SOURCE__) ((void)(__SOURCE__))
void LL_APB4_GRP1_EnableClock(uint32_t Periphs);
#ifndef LL_APB4_GRP1_PERIPH_SYSCFG
#define LL_APB4_GRP1_PERIPH_SYSCFG RCC_APB4ENR_SYSCFGEN
#endif

/* The project's HAL configuration (stm32h7xx_hal_conf.h) is read after this file, by h7lint_conf.h, which h7lint
   generates: everything up to here is the same for every project of a part, and is precompiled once. */

#endif
