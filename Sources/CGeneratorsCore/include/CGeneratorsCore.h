//===----------------------------------------------------------------------===//
// CGeneratorsCore: the stackful-coroutine core of swift-generators.
//
// Not API. This module is an implementation detail of `Generators`; nothing
// here is covered by source stability. Every symbol is prefixed `gen_core_`.
//
// A fiber is a machine stack plus the few words needed to switch onto it and
// back. The switches are `static inline` functions with inline assembly that
// declare the callee-saved registers as clobbered, so the compiler that
// inlines them (Clang for C, Swift through its Clang importer) saves only the
// registers that are live at the call site, once per loop instead of on every
// switch (on x86_64 the yielding side saves them itself: see
// `gen_core__suspend_raw`). The parent enters a fiber with `call`/`bl` and the
// fiber leaves with `ret`, so the return-stack predictor stays right in both
// directions. Each side hands the fiber and its owner to the other in
// registers.
//===----------------------------------------------------------------------===//
#ifndef CGENERATORSCORE_H
#define CGENERATORSCORE_H

#include <stddef.h>
#include <stdint.h>

#if !defined(__x86_64__) && !defined(__aarch64__)
#error "swift-generators: the coroutine core supports x86_64 (System V) and arm64 (AAPCS64) only"
#endif
#if defined(__x86_64__) && defined(_WIN32)
#error "swift-generators: the Windows x64 ABI is not supported (it has more callee-saved registers)"
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GEN_CORE_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define GEN_CORE_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(GEN_CORE_ASAN)
#define GEN_CORE_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__) && !defined(GEN_CORE_TSAN)
#define GEN_CORE_TSAN 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// The header of a fiber. It lives in the top bytes of the fiber's own stack
/// mapping, so a suspended generator costs no allocation besides its stack.
typedef struct gen_core_fiber {
    /// The fiber's saved stack pointer while it is suspended; `[sp]` holds
    /// the address the next resume jumps to. Offset 0: read by assembly.
    void *sp;
    /// The parent's stack pointer while the fiber runs. Offset 8: assembly.
    void *parent_sp;
    /// arm64: the parent's return address while the fiber runs. Offset 16.
    void *parent_lr;
    /// Runs on the fiber's stack when it is first resumed; when it returns,
    /// the fiber switches to its parent for the last time.
    void (*body)(struct gen_core_fiber *fiber);
    /// The owner's context pointer, for `body`.
    void *context;
    /// Bytes the owner reserved at the top of the stack for its hand-off
    /// slots (16-byte aligned), or NULL.
    void *slots;
    /// Lowest usable address (just above the guard page).
    char *stack_limit;
    /// One past the highest usable address (just below this header).
    char *stack_top;
    /// Usable bytes between `stack_limit` and `stack_top`.
    size_t stack_size;
    /// The free list of the pool this fiber is parked in.
    struct gen_core_fiber *next_free;
    /// Sanitizer bookkeeping (unused in plain builds).
    void *san_fake_stack;
    void *san_parent_fake_stack;
    const void *san_parent_bottom;
    size_t san_parent_size;
    void *san_tsan_fiber;
    void *san_tsan_parent;
    /// The part of this stack registered with LeakSanitizer as a root region
    /// while the fiber is suspended (size 0: none).
    const void *san_lsan_begin;
    size_t san_lsan_size;
} gen_core_fiber;

_Static_assert(offsetof(gen_core_fiber, sp) == 0, "assembly reads sp at offset 0");
_Static_assert(offsetof(gen_core_fiber, parent_sp) == 8, "assembly reads parent_sp at offset 8");
_Static_assert(offsetof(gen_core_fiber, parent_lr) == 16, "assembly reads parent_lr at offset 16");
_Static_assert(sizeof(void *) == 8, "64-bit targets only");

/// The default usable stack size in bytes.
#define GEN_CORE_DEFAULT_STACK_SIZE ((size_t)256 * 1024)

/// Takes a fiber with at least `stack_size` usable bytes (0: the default),
/// with `slot_bytes` reserved at the top of its stack for the owner's use from the pool (or
/// maps a new one, with a guard page below it) and prepares it so that the
/// first `gen_core_resume` runs `body(fiber)` on it. Returns NULL with `errno`
/// set when the memory cannot be mapped.
gen_core_fiber *gen_core_fiber_acquire(size_t stack_size,
                                       void (*body)(gen_core_fiber *),
                                       void *context,
                                       size_t slot_bytes);

/// Returns a fiber whose body has finished (or never started) to the pool.
void gen_core_fiber_release(gen_core_fiber *fiber);

/// The usable stack size `gen_core_fiber_acquire` would give for a request.
size_t gen_core_round_stack_size(size_t stack_size);

/// Frees the calling thread's cached fibers and the global pool's spare
/// fibers' memory (the pages are returned to the system; the address space
/// stays reserved for reuse). Returns the number of fibers trimmed.
size_t gen_core_trim(void);

/// Releases the strong references to the Swift object `object` that nothing
/// will balance: call it only from the object's `deinit`, once the frames
/// that took them are known never to run again (an abandoned fiber). The
/// runtime stops the process when an object is freed with references left.
void gen_core_release_stray_references(void *object);

/// Counters for tests and benchmarks.
typedef struct gen_core_stats {
    size_t mapped_fibers;     ///< fibers ever mapped
    size_t map_calls;         ///< mmap calls made for stacks
    size_t pooled_fibers;     ///< fibers parked in the global pool right now
    size_t thread_map_calls;  ///< mmap calls made for stacks by this thread
} gen_core_stats;
gen_core_stats gen_core_get_stats(void);

/// The bytes left below the caller's frame on `fiber`'s stack (the caller
/// must be running on it).
static inline __attribute__((always_inline)) size_t gen_core_stack_remaining(const gen_core_fiber *fiber) {
    return (size_t)((uintptr_t)__builtin_frame_address(0) - (uintptr_t)fiber->stack_limit);
}

/// Whether the caller is running on `fiber`'s stack.
static inline __attribute__((always_inline)) _Bool gen_core_is_current(const gen_core_fiber *fiber) {
    uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
    return frame - (uintptr_t)fiber->stack_limit < fiber->stack_size;
}

// Sanitizer hooks, out of line. Whether a build is sanitized is known when
// fiber.c is compiled, but not always where these inline switches are
// compiled (Swift's Clang importer does not see the sanitizer flags), so the
// switches test this flag: one predictable branch per switch.
extern const int gen_core_sanitizer_hooks;
/// ThreadSanitizer: the acquire the Swift runtime leaves out. Resuming a
/// continuation releases its task for ThreadSanitizer, and the task's job
/// acquires it when it runs. But a continuation resumed before its task reached
/// the `await` (while the closure that hands it over still runs) lets the task
/// run on with no job and no acquire, so ThreadSanitizer would report the
/// resumer's accesses (the resume's own, into the task's frame) as racing with
/// the task's next ones. The async hand-offs call this with the current task
/// after they awaited a continuation, in sanitized builds
/// (`gen_core_sanitizer_hooks`); it does nothing without ThreadSanitizer.
void gen_core_tsan_acquire_sanitized(const void *address);

/// ThreadSanitizer: the edge a reference count implies. The thread that drops
/// a generator's last reference finalizes it, and the drop is ordered after
/// every other thread's use by the count, which ThreadSanitizer cannot see.
/// Swift ignores the accesses of a `deinit` for that reason, but the body's
/// cleanup runs on the generator's own fiber, which that does not cover. So
/// the finalizer calls this first: it acquires what every thread has done so
/// far (as ThreadSanitizer's Go and Java finalizers do), and the switch hands
/// that to the fiber. It does nothing without ThreadSanitizer.
void gen_core_tsan_finalizing_sanitized(void);

/// The switches of sanitized builds: hooks around the plain switch.
void *gen_core_resume_sanitized(gen_core_fiber *fiber, void *owner);
void *gen_core_suspend_sanitized(gen_core_fiber *fiber, void *owner);

/// What a resume hands back in registers: the fiber, and the owner the
/// fiber passed to its suspend.
typedef struct gen_core_resumed {
    gen_core_fiber *fiber;
    void *owner;
} gen_core_resumed;

#if defined(__x86_64__)

#if defined(__AVX512F__)
#define GEN_CORE_X86_AVX512_CLOBBERS                                                    \
    , "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23", "xmm24", \
        "xmm25", "xmm26", "xmm27", "xmm28", "xmm29", "xmm30", "xmm31", "k1", "k2",     \
        "k3", "k4", "k5", "k6", "k7"
#else
#define GEN_CORE_X86_AVX512_CLOBBERS
#endif

// GEN_CORE_CLOBBERS: everything but rsp, rbp (saved by hand: it may be the
// frame pointer), rdi (holds the fiber on both sides of a switch) and rsi
// (carries the owner across: see `gen_core_resume`).
//
// The floating-point control state (the MXCSR control bits and the x87
// control word; FPCR on arm64) is not switched: like Swift tasks, fibers share
// their thread's floating-point environment. Saving MXCSR costs more than the
// whole switch (`stmxcsr` measured about 4.5 ns per use here, against about
// 2.5 ns for a round trip), so a body that changes the rounding mode or the
// exception masks must restore them before it yields.
#define GEN_CORE_SCRATCH_CLOBBERS                                                         \
    "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", \
        "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",        \
        "xmm14", "xmm15", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)",     \
        "st(7)", "mm0", "mm1", "mm2", "mm3", "mm4", "mm5", "mm6", "mm7", "fpsr", "memory", \
        "cc" GEN_CORE_X86_AVX512_CLOBBERS
#define GEN_CORE_CLOBBERS "rbx", "r12", "r13", "r14", "r15", GEN_CORE_SCRATCH_CLOBBERS

static inline __attribute__((always_inline)) gen_core_resumed gen_core__resume_raw(gen_core_fiber *fiber,
                                                                                 void *owner) {
    __asm__ volatile(
        // Step over the red zone the surrounding code may be using, save the
        // frame pointer, then `call` the address at the top of the fiber's
        // stack.
        "lea -128(%%rsp), %%rsp\n\t"
        "push %%rbp\n\t"
        "mov (%%rdi), %%rax\n\t"
        "call *(%%rax)\n\t"
        "pop %%rbp\n\t"
        "lea 128(%%rsp), %%rsp\n\t"
        : "+D"(fiber), "+S"(owner)
        :
        : GEN_CORE_CLOBBERS);
    gen_core_resumed result = {fiber, owner};
    return result;
}

// The yielding side saves the callee-saved registers itself, on its own
// stack, instead of declaring them clobbered: the body then keeps its loop
// state (and the fiber for its next `yield`) in them, restored by `pop`s
// that depend only on the resumed stack pointer, rather than spilled and
// reloaded through the frame pointer after the switch. Measured on x86_64
// (Benchmarks/run, `sync.next`): about 0.3 ns per value faster. The resuming
// side keeps the clobbers: a consumer loop holds little across the switch,
// and saving six registers there measured slower.
static inline __attribute__((always_inline)) void *gen_core__suspend_raw(gen_core_fiber *fiber, void *owner) {
    __asm__ volatile(
        "lea -128(%%rsp), %%rsp\n\t"
        "push %%rbx\n\t"
        "push %%r12\n\t"
        "push %%r13\n\t"
        "push %%r14\n\t"
        "push %%r15\n\t"
        "push %%rbp\n\t"
        // Leave the resume address on top of this stack, publish the stack
        // pointer, and return into the parent's `call`.
        "lea 1f(%%rip), %%rax\n\t"
        "push %%rax\n\t"
        "mov %%rsp, (%%rdi)\n\t"
        "mov 8(%%rdi), %%rsp\n\t"
        "ret\n\t"
        // Resumed: the parent's `call` brought us here with rax = our saved
        // stack pointer, rdi = the fiber, rsp = the parent's stack.
        "1:\n\t"
        "mov %%rsp, 8(%%rdi)\n\t"
        "lea 8(%%rax), %%rsp\n\t"
        "pop %%rbp\n\t"
        "pop %%r15\n\t"
        "pop %%r14\n\t"
        "pop %%r13\n\t"
        "pop %%r12\n\t"
        "pop %%rbx\n\t"
        "lea 128(%%rsp), %%rsp\n\t"
        : "+D"(fiber), "+S"(owner)
        :
        : GEN_CORE_SCRATCH_CLOBBERS);
    return owner;
}

#elif defined(__aarch64__)

// x18 is the platform register on Apple systems (never touched); elsewhere it
// is an ordinary temporary that either side may use, so it is clobbered.
#if defined(__APPLE__)
#define GEN_CORE_ARM64_X18
#else
#define GEN_CORE_ARM64_X18 "x18",
#endif

// Everything but sp, x29 (saved by hand: the frame pointer), x0 (holds the
// fiber on both sides of a switch) and x3 (carries the owner across: see
// `gen_core_resume`). FPCR is shared, as on x86_64.
#define GEN_CORE_CLOBBERS                                                                  \
    GEN_CORE_ARM64_X18 "x1", "x2", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", \
        "x15", "x16", "x17", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", \
        "x28", "x30", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10",   \
        "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",       \
        "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "memory",    \
        "cc"

static inline __attribute__((always_inline)) gen_core_resumed gen_core__resume_raw(gen_core_fiber *fiber,
                                                                                 void *owner) {
    register gen_core_fiber *x0 __asm__("x0") = fiber;
    register void *x3 __asm__("x3") = owner;
    __asm__ volatile(
        "str x29, [sp, #-16]!\n\t"
        "ldr x1, [x0]\n\t"
        "ldr x2, [x1]\n\t"
        "blr x2\n\t"
        "ldr x29, [sp], #16\n\t"
        : "+r"(x0), "+r"(x3)
        :
        : GEN_CORE_CLOBBERS);
    gen_core_resumed result = {x0, x3};
    return result;
}

static inline __attribute__((always_inline)) void *gen_core__suspend_raw(gen_core_fiber *fiber, void *owner) {
    register gen_core_fiber *x0 __asm__("x0") = fiber;
    register void *x3 __asm__("x3") = owner;
    __asm__ volatile(
        "adr x2, 1f\n\t"
        "stp x2, x29, [sp, #-16]!\n\t"
        "mov x2, sp\n\t"
        "str x2, [x0]\n\t"
        "ldr x2, [x0, #8]\n\t"
        "mov sp, x2\n\t"
        "ldr x30, [x0, #16]\n\t"
        "ret\n\t"
        // Resumed by the parent's `blr`: x0 = the fiber, x1 = our saved stack
        // pointer, x30 = the parent's return address, sp = the parent's stack.
        "1:\n\t"
        "mov x2, sp\n\t"
        "str x2, [x0, #8]\n\t"
        "str x30, [x0, #16]\n\t"
        "ldr x29, [x1, #8]\n\t"
        "add sp, x1, #16\n\t"
        : "+r"(x0), "+r"(x3)
        :
        : GEN_CORE_CLOBBERS);
    return x3;
}

#endif

/// Switches from the current (parent) stack to `fiber` until it suspends or
/// finishes. The parent may be a thread's own stack or another fiber.
///
/// `owner` travels in a register: the fiber's `gen_core_suspend` returns the
/// `owner` given here, and this returns the `owner` the fiber gave to its
/// `gen_core_suspend` (`fiber->context` when its body finished). Both sides
/// pass the fiber's owner, so each side gets its owner back in a register
/// instead of reloading it from memory after the switch.
///
/// It returns `fiber` too, from the register the switch keeps it in: a
/// caller that resumes the same fiber again can use it instead of reloading
/// it from memory.
static inline __attribute__((always_inline)) gen_core_resumed gen_core_resume_keeping(gen_core_fiber *fiber,
                                                                                   void *owner) {
    if (__builtin_expect(gen_core_sanitizer_hooks, 0)) {
        gen_core_resumed result = {fiber, gen_core_resume_sanitized(fiber, owner)};
        return result;
    }
    return gen_core__resume_raw(fiber, owner);
}

/// `gen_core_resume_keeping` for a caller that needs only the owner back.
static inline __attribute__((always_inline)) void *gen_core_resume(gen_core_fiber *fiber, void *owner) {
    return gen_core_resume_keeping(fiber, owner).owner;
}

/// Switches from `fiber`, which must be the running fiber, back to the parent
/// that resumed it, until the next `gen_core_resume`; see there for `owner`.
static inline __attribute__((always_inline)) void *gen_core_suspend(gen_core_fiber *fiber, void *owner) {
    if (__builtin_expect(gen_core_sanitizer_hooks, 0)) {
        return gen_core_suspend_sanitized(fiber, owner);
    }
    return gen_core__suspend_raw(fiber, owner);
}

#ifdef __cplusplus
}
#endif

#endif
