// The first instructions a fiber runs, arm64 AAPCS64, ELF or Mach-O.
//
// gen_core_resume enters a fiber with `blr` to the address stored at the
// fiber's saved stack pointer, with x0 = the fiber, x1 = that stack pointer
// and x30 = the parent's return address. A fresh fiber's stack holds the
// address of gen_core_trampoline there, so the first resume lands here:
// record the parent's stack pointer and return address, move onto the
// fiber's stack and call gen_core_fiber_main, which never returns.
#if defined(__aarch64__)
#if defined(__APPLE__)
#define GEN_CORE_SYMBOL(name) _##name
#else
#define GEN_CORE_SYMBOL(name) name
#endif
    .text
    .globl GEN_CORE_SYMBOL(gen_core_trampoline)
#if defined(__ELF__)
    .hidden gen_core_trampoline
    .type gen_core_trampoline, %function
#else
    .private_extern GEN_CORE_SYMBOL(gen_core_trampoline)
#endif
    .p2align 4
GEN_CORE_SYMBOL(gen_core_trampoline):
    .cfi_startproc
    .cfi_undefined x30          // the outermost frame of the fiber's stack
    mov x2, sp
    str x2, [x0, #8]            // fiber->parent_sp
    str x30, [x0, #16]          // fiber->parent_lr
    add sp, x1, #16             // drop the trampoline's own slot; 16-byte aligned
    mov x29, #0                 // end the frame-pointer chain here
    mov x30, #0
    bl GEN_CORE_SYMBOL(gen_core_fiber_main)
    brk #1
    .cfi_endproc
#if defined(__ELF__)
    .size gen_core_trampoline, .-gen_core_trampoline
#endif
#endif
#if defined(__ELF__)
    .section .note.GNU-stack, "", %progbits
#endif
