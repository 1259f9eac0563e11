/**
 * startup_stm32h745zitx.s: minimal GCC start-up for STM32H745ZITx, CM7 (cortex-m7).
 * Written for the h7lint tests; only the reset path and a short vector table.
 */

  .syntax unified
  .cpu cortex-m7
  .thumb

  .section .text.Reset_Handler
  .weak Reset_Handler
  .type Reset_Handler, %function
Reset_Handler:
  ldr   sp, =_estack
  bl    SystemInit
  bl    main
  b     .

  .section .isr_vector,"a",%progbits
g_pfnVectors:
  .word _estack
  .word Reset_Handler
