/* startup_stm32h7s3l8hx.s: minimal reset path (written for the h7lint tests). */
  .syntax unified
  .cpu cortex-m7
  .thumb
  .global Reset_Handler
  .section .text.Reset_Handler
  .type Reset_Handler, %function
Reset_Handler:
  ldr   sp, =_estack
  bl    SystemInit
  bl    main
  b     .
