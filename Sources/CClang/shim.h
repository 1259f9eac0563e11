// The include folder comes from Package.swift (Debian's /usr/lib/llvm-N/include).
#include <clang-c/Index.h>
