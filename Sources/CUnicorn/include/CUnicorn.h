// The few Unicorn 2 calls h7lint's image emulator makes, bound at run time (dlopen of libunicorn.so.2):
// the h7lint binary neither links Unicorn nor needs its headers to build. Values are Unicorn 2.0's
// (unicorn/unicorn.h and unicorn/arm.h of Debian's libunicorn-dev 2.0.1).
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct h7_uc h7_uc;

enum {
    H7_UC_ARCH_ARM = 1,
    H7_UC_MODE_THUMB = 1 << 4,
    H7_UC_MODE_MCLASS = 1 << 5,
    H7_UC_CPU_CORTEX_M4 = 9,
    H7_UC_CPU_CORTEX_M7 = 10,
    H7_UC_PROT_ALL = 7,
    H7_UC_HOOK_INTR = 1 << 0,
    H7_UC_HOOK_CODE = 1 << 2,
    H7_UC_HOOK_BLOCK = 1 << 3,
    H7_UC_HOOK_MEM_READ = 1 << 10,
    H7_UC_HOOK_MEM_WRITE = 1 << 11,
    H7_UC_MEM_READ = 16,
    H7_UC_MEM_WRITE = 17,
    H7_UC_REG_LR = 10,
    H7_UC_REG_PC = 11,
    H7_UC_REG_SP = 12,
};

typedef void (*h7_uc_code_cb)(h7_uc *uc, uint64_t address, uint32_t size, void *user);
typedef void (*h7_uc_intr_cb)(h7_uc *uc, uint32_t number, void *user);
typedef void (*h7_uc_mem_cb)(h7_uc *uc, int type, uint64_t address, int size, int64_t value, void *user);

/// Opens libunicorn at `path` (a file name is looked up as dlopen does) and binds every function.
/// Returns 1, or 0 with the reason in `error`.
int h7_uc_load(const char *path, char *error, size_t size);

/// A Cortex-M engine of the given CPU model (H7_UC_CPU_*); 0 on success, else Unicorn's error code.
int h7_uc_open(int cpu, h7_uc **uc);
void h7_uc_close(h7_uc *uc);
const char *h7_uc_strerror(int code);
int h7_uc_map(h7_uc *uc, uint64_t address, size_t size);
int h7_uc_write(h7_uc *uc, uint64_t address, const void *bytes, size_t size);
int h7_uc_read(h7_uc *uc, uint64_t address, void *bytes, size_t size);
int h7_uc_reg_read(h7_uc *uc, int reg, uint32_t *value);
int h7_uc_reg_write(h7_uc *uc, int reg, uint32_t value);
int h7_uc_start(h7_uc *uc, uint64_t begin, uint64_t until, uint64_t timeout_us, size_t count);
int h7_uc_stop(h7_uc *uc);
/// A hook of `type` on [begin, end] (begin > end: everywhere); `callback` matches the type's h7_uc_*_cb.
int h7_uc_hook(h7_uc *uc, int type, void *callback, void *user, uint64_t begin, uint64_t end);
