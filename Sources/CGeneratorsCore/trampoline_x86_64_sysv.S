// The first instructions a fiber runs, x86_64 System V, ELF or Mach-O.
//
// gen_core_resume enters a fiber with `call *(%rax)`, where rax is the
// fiber's saved stack pointer and rdi the fiber. A fresh fiber's stack holds
// the address of gen_core_trampoline at that spot, so the first resume lands
// here: record the parent's stack pointer, move onto the fiber's stack and
// call gen_core_fiber_main, which never returns.
#if defined(__x86_64__) && (defined(__ELF__) || defined(__APPLE__))
#if defined(__APPLE__)
#define GEN_CORE_SYMBOL(name) _##name
#define GEN_CORE_CALL(name) _##name
#else
#define GEN_CORE_SYMBOL(name) name
#define GEN_CORE_CALL(name) name@PLT
#endif
    .text
    .globl GEN_CORE_SYMBOL(gen_core_trampoline)
#if defined(__ELF__)
    .hidden gen_core_trampoline
    .type gen_core_trampoline, @function
#else
    .private_extern GEN_CORE_SYMBOL(gen_core_trampoline)
#endif
    .p2align 4
GEN_CORE_SYMBOL(gen_core_trampoline):
    .cfi_startproc
    .cfi_undefined rip          // the outermost frame of the fiber's stack
    movq %rsp, 8(%rdi)          // fiber->parent_sp
    leaq 8(%rax), %rsp          // drop the trampoline's own address; now 16-byte aligned
    xorl %ebp, %ebp             // end the frame-pointer chain here
    call GEN_CORE_CALL(gen_core_fiber_main)
    ud2
    .cfi_endproc
#if defined(__ELF__)
    .size gen_core_trampoline, .-gen_core_trampoline
#endif
#endif
#if defined(__ELF__)
    .section .note.GNU-stack, "", %progbits
#endif
