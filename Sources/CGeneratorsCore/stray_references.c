//===----------------------------------------------------------------------===//
// Balancing the strong references an abandoned fiber's frames still hold.
//
// Kept apart from fiber.c, which the C switch test builds without the Swift
// runtime.
//===----------------------------------------------------------------------===//
#include "CGeneratorsCore.h"

// The Swift runtime's entry points (C calling convention).
extern size_t swift_retainCount(void *object);
extern void swift_release(void *object);

void gen_core_release_stray_references(void *object) {
    // During `deinit` the count is 1 plus the retains not yet balanced.
    size_t count = swift_retainCount(object);
    while (count > 1) {
        swift_release(object);
        count -= 1;
    }
}
