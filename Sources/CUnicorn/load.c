#include "CUnicorn.h"
#include <dlfcn.h>
#include <stdio.h>

// Unicorn's own signatures (uc_engine is opaque; its enums are ints).
static int (*p_open)(int arch, int mode, h7_uc **uc);
static int (*p_close)(h7_uc *uc);
static int (*p_ctl)(h7_uc *uc, int control, ...);
static const char *(*p_strerror)(int code);
static int (*p_mem_map)(h7_uc *uc, uint64_t address, size_t size, uint32_t perms);
static int (*p_mem_write)(h7_uc *uc, uint64_t address, const void *bytes, size_t size);
static int (*p_mem_read)(h7_uc *uc, uint64_t address, void *bytes, size_t size);
static int (*p_reg_read)(h7_uc *uc, int reg, void *value);
static int (*p_reg_write)(h7_uc *uc, int reg, const void *value);
static int (*p_emu_start)(h7_uc *uc, uint64_t begin, uint64_t until, uint64_t timeout, size_t count);
static int (*p_emu_stop)(h7_uc *uc);
static int (*p_hook_add)(h7_uc *uc, size_t *hh, int type, void *callback, void *user, uint64_t begin, uint64_t end, ...);

static const struct { const char *name; void **slot; } symbols[] = {
    {"uc_open", (void **)&p_open}, {"uc_close", (void **)&p_close}, {"uc_ctl", (void **)&p_ctl},
    {"uc_strerror", (void **)&p_strerror}, {"uc_mem_map", (void **)&p_mem_map}, {"uc_mem_write", (void **)&p_mem_write},
    {"uc_mem_read", (void **)&p_mem_read}, {"uc_reg_read", (void **)&p_reg_read}, {"uc_reg_write", (void **)&p_reg_write},
    {"uc_emu_start", (void **)&p_emu_start}, {"uc_emu_stop", (void **)&p_emu_stop}, {"uc_hook_add", (void **)&p_hook_add},
};
enum { symbol_count = sizeof(symbols) / sizeof(symbols[0]) };

int h7_uc_load(const char *path, char *error, size_t size) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *reason = dlerror();
        snprintf(error, size, "%s", reason ? reason : "cannot be opened");
        return 0;
    }
    void *found[symbol_count];
    for (int i = 0; i < symbol_count; i++) {
        found[i] = dlsym(handle, symbols[i].name);
        if (!found[i]) {
            snprintf(error, size, "%s has no %s (Unicorn 2 is needed)", path, symbols[i].name);
            dlclose(handle);
            return 0;
        }
    }
    for (int i = 0; i < symbol_count; i++) *symbols[i].slot = found[i];
    return 1;
}

// UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1): type 7 (UC_CTL_CPU_MODEL) | one argument << 26 | write << 30.
#define H7_UC_CTL_SET_CPU_MODEL (7 | (1 << 26) | (1 << 30))

int h7_uc_open(int cpu, h7_uc **uc) {
    int err = p_open(H7_UC_ARCH_ARM, H7_UC_MODE_THUMB | H7_UC_MODE_MCLASS, uc);
    if (err) return err;
    err = p_ctl(*uc, H7_UC_CTL_SET_CPU_MODEL, cpu);
    if (err) { p_close(*uc); *uc = NULL; }
    return err;
}
void h7_uc_close(h7_uc *uc) { p_close(uc); }
const char *h7_uc_strerror(int code) { return p_strerror(code); }
int h7_uc_map(h7_uc *uc, uint64_t address, size_t size) { return p_mem_map(uc, address, size, H7_UC_PROT_ALL); }
int h7_uc_write(h7_uc *uc, uint64_t address, const void *bytes, size_t size) { return p_mem_write(uc, address, bytes, size); }
int h7_uc_read(h7_uc *uc, uint64_t address, void *bytes, size_t size) { return p_mem_read(uc, address, bytes, size); }
int h7_uc_reg_read(h7_uc *uc, int reg, uint32_t *value) { return p_reg_read(uc, reg, value); }
int h7_uc_reg_write(h7_uc *uc, int reg, uint32_t value) { return p_reg_write(uc, reg, &value); }
int h7_uc_start(h7_uc *uc, uint64_t begin, uint64_t until, uint64_t timeout_us, size_t count) {
    return p_emu_start(uc, begin, until, timeout_us, count);
}
int h7_uc_stop(h7_uc *uc) { return p_emu_stop(uc); }
int h7_uc_hook(h7_uc *uc, int type, void *callback, void *user, uint64_t begin, uint64_t end) {
    size_t handle = 0;
    return p_hook_add(uc, &handle, type, callback, user, begin, end);
}
