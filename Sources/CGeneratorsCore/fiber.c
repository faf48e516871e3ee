//===----------------------------------------------------------------------===//
// Fiber stacks: mapped in chunks with a guard page below every stack, pooled
// per thread and globally so that a generator in the steady state costs no
// system call, and watched by a SIGSEGV/SIGBUS handler that names a guard-page
// hit as a generator stack overflow.
//===----------------------------------------------------------------------===//
#if !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
#include "CGeneratorsCore.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(GEN_CORE_ASAN)
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#endif
#if defined(GEN_CORE_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

#if !defined(MAP_NORESERVE)
#define MAP_NORESERVE 0
#endif
#if !defined(MAP_STACK)
#define MAP_STACK 0
#endif

// The sanitizer hooks and the fiber's first frame switch the sanitizers'
// idea of the current stack: code in them must not be instrumented, or
// ThreadSanitizer would record a function exit on the stack it switched to.
#if defined(__clang__)
#define GEN_CORE_UNINSTRUMENTED __attribute__((disable_sanitizer_instrumentation))
#else
#define GEN_CORE_UNINSTRUMENTED __attribute__((no_sanitize_address, no_sanitize_thread))
#endif

#if defined(GEN_CORE_ASAN) || defined(GEN_CORE_TSAN)
const int gen_core_sanitizer_hooks = 1;
#else
const int gen_core_sanitizer_hooks = 0;
#endif

#if defined(GEN_CORE_TSAN)
// Declared by the runtime's Java interface, whose header toolchains do not
// ship: "must be called before a finalizer invocation" (it acquires every
// thread's current epoch, as Go's finalizer goroutine does).
void __tsan_java_finalize(void);

void gen_core_tsan_acquire_sanitized(const void *address) { __tsan_acquire((void *)address); }
void gen_core_tsan_finalizing_sanitized(void) { __tsan_java_finalize(); }
#else
void gen_core_tsan_acquire_sanitized(const void *address) { (void)address; }
void gen_core_tsan_finalizing_sanitized(void) {}
#endif

extern void gen_core_trampoline(void);
__attribute__((noreturn, used, visibility("hidden"))) GEN_CORE_UNINSTRUMENTED void gen_core_fiber_main(
    gen_core_fiber *fiber);

// MARK: - Sizes

/// Stacks mapped together; each gets its own guard page (two kernel memory
/// mappings per stack, which is what `vm.max_map_count` limits).
#define GEN_CORE_CHUNK_FIBERS 16
/// The fiber header sits in the top bytes of its slot.
#define GEN_CORE_HEADER_SIZE ((sizeof(gen_core_fiber) + 63) & ~(size_t)63)
/// Fibers a thread keeps for itself before it hands them to the global pool.
#define GEN_CORE_THREAD_CACHE 16
/// The most chunks the overflow handler can recognise (16 Mi stacks).
#define GEN_CORE_MAX_CHUNKS (1u << 20)
/// The alternate signal stack given to threads that run fibers.
#define GEN_CORE_ALT_STACK_SIZE ((size_t)64 * 1024)

static size_t page_size(void) {
    static size_t cached;
    size_t size = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (size == 0) {
        long value = sysconf(_SC_PAGESIZE);
        size = value > 0 ? (size_t)value : 4096;
        __atomic_store_n(&cached, size, __ATOMIC_RELAXED);
    }
    return size;
}

/// Rounds up to a multiple of a power of two (a page size), without the
/// division a general multiple needs: this is on every generator's start.
static size_t round_up(size_t value, size_t power_of_two) {
    return (value + power_of_two - 1) & ~(power_of_two - 1);
}

/// The distance from one slot to the next: guard page + stack + header.
static size_t slot_size_for(size_t stack_size) {
    size_t page = page_size();
    if (stack_size == 0) stack_size = GEN_CORE_DEFAULT_STACK_SIZE;
    if (stack_size < 4 * page) stack_size = 4 * page;
    return page + round_up(stack_size + GEN_CORE_HEADER_SIZE, page);
}

size_t gen_core_round_stack_size(size_t stack_size) {
    return slot_size_for(stack_size) - page_size() - GEN_CORE_HEADER_SIZE;
}

// MARK: - Chunk registry (read by the signal handler)

typedef struct chunk_record {
    uintptr_t base;
    size_t slot_size;
    size_t stack_size;
} chunk_record;

static chunk_record *chunk_records;
static _Atomic size_t chunk_record_count;

static void install_overflow_handler(void);

// MARK: - Pools

typedef struct pool {
    size_t slot_size;
    gen_core_fiber *free;
    size_t free_count;
    struct pool *next;
} pool;

static pthread_mutex_t pools_lock = PTHREAD_MUTEX_INITIALIZER;
static pool *pools;
static size_t stats_mapped_fibers;
static size_t stats_map_calls;

static pool *pool_for(size_t slot_size) {
    for (pool *p = pools; p != NULL; p = p->next) {
        if (p->slot_size == slot_size) return p;
    }
    pool *p = calloc(1, sizeof(pool));
    if (p == NULL) return NULL;
    p->slot_size = slot_size;
    p->next = pools;
    pools = p;
    return p;
}

static void fiber_init_slot(gen_core_fiber *fiber, char *slot, size_t slot_size) {
    size_t page = page_size();
    memset(fiber, 0, sizeof(*fiber));
    fiber->stack_limit = slot + page;
    fiber->stack_top = (char *)fiber;
    fiber->stack_size = (size_t)(fiber->stack_top - fiber->stack_limit);
    (void)slot_size;
}

/// Maps a chunk of slots and parks all but one of them in `p`. Called with
/// `pools_lock` held.
static gen_core_fiber *map_chunk(pool *p) {
    size_t page = page_size();
    size_t slot_size = p->slot_size;
    size_t length = slot_size * GEN_CORE_CHUNK_FIBERS;
    char *base = mmap(NULL, length, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) return NULL;
    stats_map_calls += 1;
#if defined(MADV_NOHUGEPAGE)
    (void)madvise(base, length, MADV_NOHUGEPAGE);
#endif
    for (size_t i = 0; i < GEN_CORE_CHUNK_FIBERS; i++) {
        if (mprotect(base + i * slot_size, page, PROT_NONE) != 0) {
            int saved = errno;
            munmap(base, length);
            errno = saved;
            return NULL;
        }
    }
    install_overflow_handler();
    if (chunk_records != NULL) {
        size_t index = atomic_load_explicit(&chunk_record_count, memory_order_relaxed);
        if (index < GEN_CORE_MAX_CHUNKS) {
            chunk_records[index] = (chunk_record){(uintptr_t)base, slot_size,
                                                  slot_size - page - GEN_CORE_HEADER_SIZE};
            atomic_store_explicit(&chunk_record_count, index + 1, memory_order_release);
        }
    }
    gen_core_fiber *first = NULL;
    for (size_t i = 0; i < GEN_CORE_CHUNK_FIBERS; i++) {
        char *slot = base + i * slot_size;
        gen_core_fiber *fiber = (gen_core_fiber *)(slot + slot_size - GEN_CORE_HEADER_SIZE);
        fiber_init_slot(fiber, slot, slot_size);
        if (i == 0) {
            first = fiber;
        } else {
            fiber->next_free = p->free;
            p->free = fiber;
            p->free_count += 1;
        }
    }
    stats_mapped_fibers += GEN_CORE_CHUNK_FIBERS;
    return first;
}

// MARK: - Thread cache

typedef struct thread_cache {
    gen_core_fiber *fibers[GEN_CORE_THREAD_CACHE];
    unsigned count;
    unsigned initialised;
    void *alt_stack;
    size_t map_calls;
    /// The stack size of the last request that went the slow way, and the
    /// usable size it rounds to (0 before: no fiber matches it).
    size_t last_request;
    size_t last_usable;
} thread_cache;

static __thread thread_cache tls_cache __attribute__((tls_model("initial-exec")));
static pthread_key_t thread_exit_key;
static pthread_once_t thread_exit_key_once = PTHREAD_ONCE_INIT;

static void release_to_pool(gen_core_fiber *fiber) {
    size_t slot_size = slot_size_for(fiber->stack_size);
    pthread_mutex_lock(&pools_lock);
    pool *p = pool_for(slot_size);
    if (p != NULL) {
        fiber->next_free = p->free;
        p->free = fiber;
        p->free_count += 1;
    }
    pthread_mutex_unlock(&pools_lock);
}

static void thread_exit(void *unused) {
    (void)unused;
    thread_cache *cache = &tls_cache;
    for (unsigned i = 0; i < cache->count; i++) release_to_pool(cache->fibers[i]);
    cache->count = 0;
    if (cache->alt_stack != NULL) {
        stack_t disable = {.ss_flags = SS_DISABLE};
        stack_t current;
        if (sigaltstack(NULL, &current) == 0 && current.ss_sp == cache->alt_stack) {
            (void)sigaltstack(&disable, NULL);
            munmap(cache->alt_stack, GEN_CORE_ALT_STACK_SIZE);
        }
        cache->alt_stack = NULL;
    }
}

static void make_thread_exit_key(void) { (void)pthread_key_create(&thread_exit_key, thread_exit); }

/// First use of fibers on this thread: arrange the thread-exit flush, and
/// give the thread an alternate signal stack so that the overflow handler can
/// run when a fiber's stack is exhausted.
static void thread_cache_init(thread_cache *cache) {
    cache->initialised = 1;
    (void)pthread_once(&thread_exit_key_once, make_thread_exit_key);
    (void)pthread_setspecific(thread_exit_key, cache);
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        void *memory = mmap(NULL, GEN_CORE_ALT_STACK_SIZE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory != MAP_FAILED) {
            stack_t alt = {.ss_sp = memory, .ss_size = GEN_CORE_ALT_STACK_SIZE, .ss_flags = 0};
            if (sigaltstack(&alt, NULL) == 0) {
                cache->alt_stack = memory;
            } else {
                munmap(memory, GEN_CORE_ALT_STACK_SIZE);
            }
        }
    }
}

// MARK: - Acquire and release

static void fiber_prepare(gen_core_fiber *fiber, void (*body)(gen_core_fiber *), void *context,
                          size_t slot_bytes) {
    fiber->body = body;
    fiber->context = context;
    fiber->parent_sp = NULL;
    fiber->parent_lr = NULL;
    fiber->next_free = NULL;
    fiber->san_fake_stack = NULL;
    fiber->san_parent_fake_stack = NULL;
    fiber->san_lsan_begin = NULL;
    fiber->san_lsan_size = 0;
    // The owner's slots sit at the top; the first frame goes below them, and
    // the first resume jumps to the address at the saved stack pointer.
    uintptr_t top = (uintptr_t)fiber->stack_top & ~(uintptr_t)15;
    if (slot_bytes > 0) {
        top -= (slot_bytes + 15) & ~(size_t)15;
        fiber->slots = (void *)top;
    } else {
        fiber->slots = NULL;
    }
#if defined(__x86_64__)
    // After the trampoline pops this slot, rsp must be 16-byte aligned.
    void **sp = (void **)(top - 24);
#else
    void **sp = (void **)(top - 32);
#endif
    *sp = (void *)gen_core_trampoline;
    fiber->sp = sp;
#if defined(GEN_CORE_TSAN)
    fiber->san_tsan_fiber = __tsan_create_fiber(0);
#endif
}

static gen_core_fiber *fiber_acquire_slow(size_t stack_size, void (*body)(gen_core_fiber *), void *context,
                                          size_t slot_bytes);

gen_core_fiber *gen_core_fiber_acquire(size_t stack_size, void (*body)(gen_core_fiber *),
                                       void *context, size_t slot_bytes) {
    thread_cache *cache = &tls_cache;
    // The fast path, a generator's usual start: the fiber this thread gave
    // back last fits a request of the same size as the last one.
    if (__builtin_expect(cache->count > 0 && stack_size == cache->last_request, 1)) {
        gen_core_fiber *fiber = cache->fibers[cache->count - 1];
        if (fiber->stack_size == cache->last_usable && slot_bytes <= cache->last_usable / 2) {
            cache->count -= 1;
            fiber_prepare(fiber, body, context, slot_bytes);
            return fiber;
        }
    }
    return fiber_acquire_slow(stack_size, body, context, slot_bytes);
}

/// Any other request: computes the sizes, then takes a fiber of the right
/// size from the thread's cache, the shared pool, or a new chunk.
__attribute__((noinline)) static gen_core_fiber *fiber_acquire_slow(size_t stack_size,
                                                                    void (*body)(gen_core_fiber *),
                                                                    void *context, size_t slot_bytes) {
    thread_cache *cache = &tls_cache;
    size_t slot_size = slot_size_for(stack_size);
    size_t usable = slot_size - page_size() - GEN_CORE_HEADER_SIZE;
    if (slot_bytes > usable / 2) {
        errno = EINVAL;
        return NULL;
    }
    if (__builtin_expect(!cache->initialised, 0)) thread_cache_init(cache);
    cache->last_request = stack_size;
    cache->last_usable = usable;
    for (unsigned i = cache->count; i > 0; i--) {
        gen_core_fiber *fiber = cache->fibers[i - 1];
        if (fiber->stack_size == usable) {
            cache->fibers[i - 1] = cache->fibers[cache->count - 1];
            cache->count -= 1;
            fiber_prepare(fiber, body, context, slot_bytes);
            return fiber;
        }
    }
    pthread_mutex_lock(&pools_lock);
    pool *p = pool_for(slot_size);
    gen_core_fiber *fiber = NULL;
    if (p != NULL) {
        fiber = p->free;
        if (fiber != NULL) {
            p->free = fiber->next_free;
            p->free_count -= 1;
        } else {
            fiber = map_chunk(p);
            if (fiber != NULL) cache->map_calls += 1;
        }
    } else {
        errno = ENOMEM;
    }
    pthread_mutex_unlock(&pools_lock);
    if (fiber == NULL) return NULL;
    fiber_prepare(fiber, body, context, slot_bytes);
    return fiber;
}

void gen_core_fiber_release(gen_core_fiber *fiber) {
#if defined(GEN_CORE_TSAN)
    if (fiber->san_tsan_fiber != NULL) {
        __tsan_destroy_fiber(fiber->san_tsan_fiber);
        fiber->san_tsan_fiber = NULL;
    }
#endif
    fiber->body = NULL;
    fiber->context = NULL;
    thread_cache *cache = &tls_cache;
    if (cache->initialised && cache->count < GEN_CORE_THREAD_CACHE) {
        cache->fibers[cache->count++] = fiber;
        return;
    }
    release_to_pool(fiber);
}

size_t gen_core_trim(void) {
    thread_cache *cache = &tls_cache;
    for (unsigned i = 0; i < cache->count; i++) release_to_pool(cache->fibers[i]);
    cache->count = 0;
    size_t trimmed = 0;
    pthread_mutex_lock(&pools_lock);
    for (pool *p = pools; p != NULL; p = p->next) {
        for (gen_core_fiber *fiber = p->free; fiber != NULL; fiber = fiber->next_free) {
            // Keep the header's page (it holds the free list); drop the rest.
            size_t page = page_size();
            uintptr_t start = (uintptr_t)fiber->stack_limit;
            uintptr_t end = (uintptr_t)fiber->stack_top & ~(uintptr_t)(page - 1);
            if (end > start) (void)madvise((void *)start, end - start, MADV_DONTNEED);
            trimmed += 1;
        }
    }
    pthread_mutex_unlock(&pools_lock);
    return trimmed;
}

gen_core_stats gen_core_get_stats(void) {
    gen_core_stats stats;
    pthread_mutex_lock(&pools_lock);
    stats.mapped_fibers = stats_mapped_fibers;
    stats.map_calls = stats_map_calls;
    stats.pooled_fibers = 0;
    for (pool *p = pools; p != NULL; p = p->next) stats.pooled_fibers += p->free_count;
    pthread_mutex_unlock(&pools_lock);
    stats.thread_map_calls = tls_cache.map_calls;
    return stats;
}

// MARK: - The fiber's outermost frame

// The sanitizer hooks around a switch (defined below; no-ops unless this file
// is built with a sanitizer).
static void gen_core_san_before_resume(gen_core_fiber *fiber);
static void gen_core_san_after_resume(gen_core_fiber *fiber);
static void gen_core_san_before_suspend(gen_core_fiber *fiber, int finished);
static void gen_core_san_after_suspend(gen_core_fiber *fiber);

GEN_CORE_UNINSTRUMENTED void gen_core_fiber_main(gen_core_fiber *fiber) {
    if (gen_core_sanitizer_hooks) gen_core_san_after_suspend(fiber);
    fiber->body(fiber);
    if (gen_core_sanitizer_hooks) gen_core_san_before_suspend(fiber, 1);
    (void)gen_core__suspend_raw(fiber, fiber->context);
    __builtin_trap();  // a finished fiber is never resumed
}

// MARK: - Stack overflow detection

static struct sigaction previous_segv;
static struct sigaction previous_bus;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

static void write_all(const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

static void write_text(const char *text) { write_all(text, strlen(text)); }

static void write_number(size_t value) {
    char digits[32];
    size_t at = sizeof(digits);
    do {
        digits[--at] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0 && at > 0);
    write_all(digits + at, sizeof(digits) - at);
}

/// The usable size of the stack whose guard page holds `address`, or 0.
static size_t guard_page_hit(uintptr_t address) {
    size_t count = atomic_load_explicit(&chunk_record_count, memory_order_acquire);
    size_t page = page_size();
    for (size_t i = 0; i < count; i++) {
        const chunk_record *record = &chunk_records[i];
        uintptr_t end = record->base + record->slot_size * GEN_CORE_CHUNK_FIBERS;
        if (address >= record->base && address < end) {
            size_t offset = (address - record->base) % record->slot_size;
            return offset < page ? record->stack_size : 0;
        }
    }
    return 0;
}

static void overflow_handler(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    size_t stack_size = guard_page_hit((uintptr_t)info->si_addr);
    if (stack_size != 0) {
        write_text("swift-generators: fatal error: stack overflow in a generator body: its stack of ");
        write_number(stack_size);
        write_text(" bytes is exhausted. Create the generator with a larger `stackSize:` "
                   "(the default is ");
        write_number(gen_core_round_stack_size(GEN_CORE_DEFAULT_STACK_SIZE));
        write_text(" bytes).\n");
    }
    // Hand the fault back to whoever handled it before us (or to the default
    // action): the faulting instruction runs again when we return.
    (void)sigaction(signal_number, signal_number == SIGBUS ? &previous_bus : &previous_segv, NULL);
}

static void install_handler_once(void) {
    chunk_records = mmap(NULL, sizeof(chunk_record) * GEN_CORE_MAX_CHUNKS, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (chunk_records == MAP_FAILED) {
        chunk_records = NULL;
        return;
    }
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_sigaction = overflow_handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    (void)sigaction(SIGSEGV, &action, &previous_segv);
    (void)sigaction(SIGBUS, &action, &previous_bus);
}

static void install_overflow_handler(void) { (void)pthread_once(&handler_once, install_handler_once); }

// MARK: - Sanitizers

static GEN_CORE_UNINSTRUMENTED void gen_core_san_before_resume(gen_core_fiber *fiber) {
#if defined(GEN_CORE_ASAN)
    __sanitizer_start_switch_fiber(&fiber->san_parent_fake_stack, fiber->stack_limit,
                                   fiber->stack_size);
#endif
#if defined(GEN_CORE_TSAN)
    fiber->san_tsan_parent = __tsan_get_current_fiber();
    __tsan_switch_to_fiber(fiber->san_tsan_fiber, 0);
#endif
    (void)fiber;
}

static GEN_CORE_UNINSTRUMENTED void gen_core_san_after_resume(gen_core_fiber *fiber) {
#if defined(GEN_CORE_ASAN)
    __sanitizer_finish_switch_fiber(fiber->san_parent_fake_stack, NULL, NULL);
#endif
    (void)fiber;
}

// LeakSanitizer scans threads' stacks, not fibers': an object that only a
// suspended generator's frames refer to would be reported as leaked at exit.
// So a suspended fiber's live stack is a root region until it runs again (an
// abandoned fiber's stays one for good: its frames keep what they hold).
#if defined(GEN_CORE_ASAN)
/// Below the hook's frame: the switch's pushes of the callee-saved registers
/// (which may hold pointers), its step over the red zone, and a margin.
#define GEN_CORE_LSAN_BELOW_FRAME 1024

static GEN_CORE_UNINSTRUMENTED void gen_core_lsan_register(gen_core_fiber *fiber) {
    uintptr_t begin = (uintptr_t)__builtin_frame_address(0) - GEN_CORE_LSAN_BELOW_FRAME;
    uintptr_t limit = (uintptr_t)fiber->stack_limit;
    if (begin < limit) begin = limit;
    fiber->san_lsan_begin = (const void *)begin;
    fiber->san_lsan_size = (uintptr_t)fiber->stack_top - begin;
    __lsan_register_root_region(fiber->san_lsan_begin, fiber->san_lsan_size);
}

static GEN_CORE_UNINSTRUMENTED void gen_core_lsan_unregister(gen_core_fiber *fiber) {
    if (fiber->san_lsan_size == 0) return;
    __lsan_unregister_root_region(fiber->san_lsan_begin, fiber->san_lsan_size);
    fiber->san_lsan_begin = NULL;
    fiber->san_lsan_size = 0;
}
#endif

static GEN_CORE_UNINSTRUMENTED void gen_core_san_before_suspend(gen_core_fiber *fiber, int finished) {
#if defined(GEN_CORE_ASAN)
    if (!finished) gen_core_lsan_register(fiber);
    __sanitizer_start_switch_fiber(finished ? NULL : &fiber->san_fake_stack,
                                   fiber->san_parent_bottom, fiber->san_parent_size);
#endif
#if defined(GEN_CORE_TSAN)
    __tsan_switch_to_fiber(fiber->san_tsan_parent, 0);
#endif
    (void)fiber;
    (void)finished;
}

static GEN_CORE_UNINSTRUMENTED void gen_core_san_after_suspend(gen_core_fiber *fiber) {
#if defined(GEN_CORE_ASAN)
    __sanitizer_finish_switch_fiber(fiber->san_fake_stack, &fiber->san_parent_bottom,
                                    &fiber->san_parent_size);
    gen_core_lsan_unregister(fiber);
#endif
    (void)fiber;
}

GEN_CORE_UNINSTRUMENTED void *gen_core_resume_sanitized(gen_core_fiber *fiber, void *owner) {
    gen_core_san_before_resume(fiber);
    owner = gen_core__resume_raw(fiber, owner).owner;
    gen_core_san_after_resume(fiber);
    return owner;
}

GEN_CORE_UNINSTRUMENTED void *gen_core_suspend_sanitized(gen_core_fiber *fiber, void *owner) {
    gen_core_san_before_suspend(fiber, 0);
    owner = gen_core__suspend_raw(fiber, owner);
    gen_core_san_after_suspend(fiber);
    return owner;
}
