//===----------------------------------------------------------------------===//
// CBaseline: the C reference the generator benchmarks are compared against.
//
// A minimal out-of-line context switch written by hand in x86_64 assembly
// (see baseline.c), and a producer/consumer loop that ping-pongs an Int
// between two stacks through it: the cheapest a "resume, yield one value"
// round trip gets with a conventional, separately called switch routine.
//===----------------------------------------------------------------------===//
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether this build has the hand-written switch (x86_64 System V only).
/// Elsewhere the functions below return -1 and the C rows are skipped.
int cb_switch_available(void);

/// Runs `n` producer/consumer round trips (two context switches each): a
/// producer on its own stack stores 0, 1, ..., n-1 one at a time in a shared
/// memory slot and switches back; the consumer switches to the producer,
/// reads the slot and adds it up. Returns the sum, n*(n-1)/2, or -1 when the
/// stack could not be allocated or the switch is unavailable.
int64_t cb_pingpong_sum(int64_t n);

#ifdef __cplusplus
}
#endif
