// glibc's malloc arenas, limited from Swift (Glibc's module map does not carry malloc.h).
#include "CClang.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int h7_limit_malloc_arenas(int count) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}
