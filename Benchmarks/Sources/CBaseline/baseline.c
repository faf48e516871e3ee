//===----------------------------------------------------------------------===//
// The C baseline for `sync.next`: a conventional out-of-line context switch.
//
// `cb_switch(save, load)` is what a hand-rolled C coroutine library does on
// every switch: it is called like any function, pushes every callee-saved
// register of the System V ABI (rbx, rbp, r12-r15), stores the stack pointer
// in *save, loads `load` as the new stack pointer, pops the other side's
// registers and ends in an indirect `jmp` to the other side's resume address
// (the return address its own `cb_switch` call pushed), not in `ret`.
//
// The benchmark loop (`cb_pingpong_sum`) makes two switches per value, like
// a generator's `next()`: consumer -> producer (which stores the value in
// memory) -> consumer (which reads it).
//===----------------------------------------------------------------------===//
#include "CBaseline.h"

#include <stdlib.h>

#if defined(__x86_64__) && defined(__ELF__)

/// Switches stacks: saves the callee-saved registers on the current stack,
/// stores its stack pointer in `*save_sp`, and resumes the context whose
/// stack pointer is `load_sp`. Returns when something switches back.
__attribute__((visibility("hidden"))) void cb_switch(void **save_sp, void *load_sp);

/// The first code a new context runs: the initial frame built by
/// `cb_context_init` leaves the entry function in r13 and its argument in
/// r12. The entry function must never return.
__attribute__((visibility("hidden"))) void cb_context_start(void);

__asm__(
    "    .text\n"
    "    .globl cb_switch\n"
    "    .hidden cb_switch\n"
    "    .type cb_switch, @function\n"
    "    .p2align 4\n"
    "cb_switch:\n"
    // rdi = where to save this side's stack pointer, rsi = the other side's.
    "    pushq %rbp\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r13\n"
    "    pushq %r14\n"
    "    pushq %r15\n"
    "    movq %rsp, (%rdi)\n"
    "    movq %rsi, %rsp\n"
    "    popq %r15\n"
    "    popq %r14\n"
    "    popq %r13\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    popq %rbp\n"
    // The other side's resume address: the return address its cb_switch
    // call pushed (or cb_context_start for a fresh context).
    "    popq %rcx\n"
    "    jmpq *%rcx\n"
    "    .size cb_switch, .-cb_switch\n"
    "\n"
    "    .globl cb_context_start\n"
    "    .hidden cb_context_start\n"
    "    .type cb_context_start, @function\n"
    "    .p2align 4\n"
    "cb_context_start:\n"
    // rsp is 16-byte aligned here, so the entry function starts aligned.
    "    movq %r12, %rdi\n"
    "    callq *%r13\n"
    "    ud2\n"
    "    .size cb_context_start, .-cb_context_start\n");

/// Builds the initial frame of a context on the stack [stack, stack + size):
/// the six registers cb_switch pops (r13 = entry, r12 = argument, others 0)
/// and cb_context_start as the resume address. Returns its stack pointer.
static void *cb_context_init(char *stack, size_t size, void (*entry)(void *), void *argument) {
    uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;
    void **sp = (void **)(top - 7 * sizeof(void *));
    sp[0] = NULL;                     // r15
    sp[1] = NULL;                     // r14
    sp[2] = (void *)entry;            // r13
    sp[3] = argument;                 // r12
    sp[4] = NULL;                     // rbx
    sp[5] = NULL;                     // rbp: ends the frame-pointer chain
    sp[6] = (void *)cb_context_start; // where the first switch jumps
    return sp;
}

/// The state both sides share: their saved stack pointers and the slot the
/// value travels through.
typedef struct pingpong {
    void *consumer_sp;
    void *producer_sp;
    int64_t value;
} pingpong;

/// The producer: stores 0, 1, 2, ... in the slot, one per switch. It never
/// ends; the consumer simply stops resuming it and frees its stack.
static void producer(void *argument) {
    pingpong *shared = argument;
    for (int64_t i = 0;; i++) {
        shared->value = i;
        cb_switch(&shared->producer_sp, shared->consumer_sp);
    }
}

#define CB_STACK_SIZE ((size_t)64 * 1024)

int cb_switch_available(void) { return 1; }

int64_t cb_pingpong_sum(int64_t n) {
    char *stack = aligned_alloc(64, CB_STACK_SIZE);
    if (stack == NULL) return -1;
    pingpong shared = {0};
    shared.producer_sp = cb_context_init(stack, CB_STACK_SIZE, producer, &shared);
    int64_t sum = 0;
    for (int64_t k = 0; k < n; k++) {
        cb_switch(&shared.consumer_sp, shared.producer_sp);  // round trip: 2 switches
        sum += shared.value;
    }
    free(stack);
    return sum;
}

#else

int cb_switch_available(void) { return 0; }

int64_t cb_pingpong_sum(int64_t n) {
    (void)n;
    return -1;
}

#endif
