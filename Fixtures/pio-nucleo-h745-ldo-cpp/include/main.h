/* Fixture written for h7lint's tests. */
#pragma once
#include "stm32h7xx_hal.h"
