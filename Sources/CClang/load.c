#define _GNU_SOURCE
#include "CClang.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int h7_clang_load(const char *path, char *error, size_t size) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *reason = dlerror();
        snprintf(error, size, "%s", reason ? reason : "cannot be opened");
        return 0;
    }
    size_t count = 0;
    while (h7_clang_symbols[count].name) count++;
    void **found = calloc(count, sizeof(void *));
    if (!found) {
        snprintf(error, size, "out of memory");
        dlclose(handle);
        return 0;
    }
    // Every function first, then bind: a libclang that lacks one leaves nothing half bound.
    for (size_t i = 0; i < count; i++) {
        found[i] = dlsym(handle, h7_clang_symbols[i].name);
        if (!found[i]) {
            snprintf(error, size, "%s has no %s (a libclang older than h7lint needs?)", path, h7_clang_symbols[i].name);
            free(found);
            dlclose(handle);
            return 0;
        }
    }
    for (size_t i = 0; i < count; i++) *h7_clang_symbols[i].slot = found[i];
    free(found);
    return 1;
}

// The file the loaded libclang came from (for h7lint's record of it); 0 before h7_clang_load succeeded.
int h7_clang_path(char *out, size_t size) {
    Dl_info info;
    void *first = *h7_clang_symbols[0].slot;
    if (!first || !dladdr(first, &info) || !info.dli_fname) return 0;
    snprintf(out, size, "%s", info.dli_fname);
    return 1;
}
