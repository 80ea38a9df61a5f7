/*
 * clock: the two clocks nscheck reads. Deadlines and durations use the
 * monotonic clock, so a wall-clock step never stretches or cuts a request.
 */
#ifndef NSCHECK_CLOCK_H
#define NSCHECK_CLOCK_H

#include <stdint.h>

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t clock_ms(void);
/* Microseconds of CLOCK_MONOTONIC, for round-trip times. */
int64_t clock_us(void);
/* Seconds since the epoch (CLOCK_REALTIME): only for telling people a
 * date, never for measuring. */
int64_t clock_wall_s(void);

#endif
