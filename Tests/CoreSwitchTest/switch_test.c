// The C-level test of the coroutine core's context switch. It runs natively
// and, in CI, cross-compiled for arm64 under qemu-user. It exits non-zero on
// the first failure and prints `N passed, 0 failed` when all checks hold.
#include "CGeneratorsCore.h"

#include <fenv.h>
#include <stdio.h>
#include <stdlib.h>

static int passed, failed;

#define CHECK(condition)                                                            \
    do {                                                                            \
        if (condition) {                                                            \
            passed++;                                                               \
        } else {                                                                    \
            failed++;                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
        }                                                                           \
    } while (0)

// A counter fiber: yields 0, 1, 2, ... `limit - 1` through a shared slot.
typedef struct counter {
    long limit;
    long value;
    int done;
} counter;

static void counter_body(gen_core_fiber *fiber) {
    counter *state = fiber->context;
    for (long i = 0; i < state->limit; i++) {
        state->value = i;
        // The owner passed to a switch comes out of the other side's switch.
        CHECK(gen_core_suspend(fiber, state) == state);
    }
    state->done = 1;
}

static void test_ping_pong(void) {
    counter state = {.limit = 100000};
    gen_core_fiber *fiber = gen_core_fiber_acquire(0, counter_body, &state, 0);
    CHECK(fiber != NULL);
    long sum = 0, count = 0;
    for (;;) {
        // The fiber passes its owner back, and `fiber->context` when it ends.
        CHECK(gen_core_resume(fiber, &state) == &state);
        if (state.done) break;
        sum += state.value;
        count++;
    }
    CHECK(count == 100000);
    CHECK(sum == 100000L * 99999L / 2);
    gen_core_fiber_release(fiber);
}

// Values held in callee-saved registers across a switch must survive it,
// on both sides, even when the other side overwrites every register.
static volatile double sink;

__attribute__((noinline)) static void scramble(gen_core_fiber *fiber) {
    volatile long a = 101, b = 103, c = 107, d = 109, e = 113, f = 127;
    volatile double x = 1.5, y = 2.5, z = 3.5, w = 4.5;
    long r0 = a, r1 = b, r2 = c, r3 = d, r4 = e, r5 = f;
    double s0 = x, s1 = y, s2 = z, s3 = w;
    gen_core_suspend(fiber, fiber->context);
    CHECK(r0 + r1 + r2 + r3 + r4 + r5 == 101 + 103 + 107 + 109 + 113 + 127);
    CHECK(s0 * s1 * s2 * s3 == 1.5 * 2.5 * 3.5 * 4.5);
    sink = s0 + s1 + s2 + s3 + (double)(r0 * r1 * r2 * r3 * r4 * r5);
}

static void registers_body(gen_core_fiber *fiber) {
    for (int round = 0; round < 3; round++) scramble(fiber);
}

static void test_registers_survive(void) {
    gen_core_fiber *fiber = gen_core_fiber_acquire(0, registers_body, NULL, 0);
    CHECK(fiber != NULL);
    volatile long a = 3, b = 5, c = 7, d = 11, e = 13, f = 17;
    volatile double x = 0.25, y = 0.5, z = 0.75;
    long r0 = a, r1 = b, r2 = c, r3 = d, r4 = e, r5 = f;
    double s0 = x, s1 = y, s2 = z;
    for (int round = 0; round < 4; round++) {
        gen_core_resume(fiber, fiber->context);
        CHECK(r0 * r1 * r2 * r3 * r4 * r5 == 3L * 5 * 7 * 11 * 13 * 17);
        CHECK(s0 + s1 + s2 == 1.5);
    }
    gen_core_fiber_release(fiber);
}

// The floating-point environment is the thread's, shared by its fibers (as
// for Swift tasks): a rounding mode set in a fiber is seen by its parent.
static void rounding_body(gen_core_fiber *fiber) {
    fesetround(FE_UPWARD);
    gen_core_suspend(fiber, fiber->context);
    CHECK(fegetround() == FE_DOWNWARD);
    fesetround(FE_TONEAREST);
}

static void test_rounding_mode_is_the_threads(void) {
    gen_core_fiber *fiber = gen_core_fiber_acquire(0, rounding_body, NULL, 0);
    CHECK(fegetround() == FE_TONEAREST);
    gen_core_resume(fiber, fiber->context);
    CHECK(fegetround() == FE_UPWARD);
    fesetround(FE_DOWNWARD);
    gen_core_resume(fiber, fiber->context);
    CHECK(fegetround() == FE_TONEAREST);
    gen_core_fiber_release(fiber);
}

// A fiber resumes another fiber: the inner one's parent is the outer fiber.
typedef struct nested {
    gen_core_fiber *inner;
    counter inner_state;
    long seen;
} nested;

static void nested_outer_body(gen_core_fiber *fiber) {
    nested *state = fiber->context;
    for (;;) {
        gen_core_resume(state->inner, state->inner->context);
        if (state->inner_state.done) break;
        state->seen += state->inner_state.value;
        gen_core_suspend(fiber, fiber->context);
    }
}

static void test_nested(void) {
    nested state = {.inner_state = {.limit = 10}};
    state.inner = gen_core_fiber_acquire(0, counter_body, &state.inner_state, 0);
    gen_core_fiber *outer = gen_core_fiber_acquire(0, nested_outer_body, &state, 0);
    int resumes = 0;
    do {
        gen_core_resume(outer, outer->context);
        resumes++;
    } while (!state.inner_state.done);
    CHECK(resumes == 11);
    CHECK(state.seen == 45);
    gen_core_fiber_release(outer);
    gen_core_fiber_release(state.inner);
}

// Fibers come back from the pool, and deep recursion fits the default stack.
static long depth(long n) {
    volatile char pad[64];
    pad[0] = (char)n;
    return n == 0 ? 0 : 1 + depth(n - 1) + pad[0] * 0;
}

static void deep_body(gen_core_fiber *fiber) {
    long *result = fiber->context;
    *result = depth(1000);
}

static void test_reuse_and_depth(void) {
    gen_core_stats before = gen_core_get_stats();
    for (int i = 0; i < 1000; i++) {
        long result = 0;
        gen_core_fiber *fiber = gen_core_fiber_acquire(0, deep_body, &result, 0);
        gen_core_resume(fiber, fiber->context);
        CHECK(result == 1000);
        gen_core_fiber_release(fiber);
    }
    gen_core_stats after = gen_core_get_stats();
    CHECK(after.map_calls - before.map_calls <= 1);
    CHECK(gen_core_round_stack_size(0) > 0);
    CHECK(gen_core_round_stack_size(GEN_CORE_DEFAULT_STACK_SIZE) >= GEN_CORE_DEFAULT_STACK_SIZE);
}

int main(void) {
    test_ping_pong();
    test_registers_survive();
    test_rounding_mode_is_the_threads();
    test_nested();
    test_reuse_and_depth();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
