import H7Model

/// The compiler's own freestanding headers (`stdint.h`, `stddef.h`, ...) for a libclang that ships without them,
/// such as the one in PyPI's `libclang` wheel: without them every `uint32_t` is unknown and nothing parses.
/// Written from clang's predefined macros, so the types are those of the target (arm-none-eabi).
enum BuiltinHeaders {
    static let directory = "/h7lint-builtins"

    static let files: [VirtualFile] = [
        ("stdint.h", """
        #ifndef H7LINT_STDINT_H
        #define H7LINT_STDINT_H
        typedef __INT8_TYPE__ int8_t;
        typedef __INT16_TYPE__ int16_t;
        typedef __INT32_TYPE__ int32_t;
        typedef __INT64_TYPE__ int64_t;
        typedef __UINT8_TYPE__ uint8_t;
        typedef __UINT16_TYPE__ uint16_t;
        typedef __UINT32_TYPE__ uint32_t;
        typedef __UINT64_TYPE__ uint64_t;
        typedef __INTPTR_TYPE__ intptr_t;
        typedef __UINTPTR_TYPE__ uintptr_t;
        typedef __INTMAX_TYPE__ intmax_t;
        typedef __UINTMAX_TYPE__ uintmax_t;
        typedef __INT_LEAST8_TYPE__ int_least8_t;
        typedef __INT_LEAST16_TYPE__ int_least16_t;
        typedef __INT_LEAST32_TYPE__ int_least32_t;
        typedef __UINT_LEAST8_TYPE__ uint_least8_t;
        typedef __UINT_LEAST16_TYPE__ uint_least16_t;
        typedef __UINT_LEAST32_TYPE__ uint_least32_t;
        typedef __INT_FAST8_TYPE__ int_fast8_t;
        typedef __INT_FAST16_TYPE__ int_fast16_t;
        typedef __INT_FAST32_TYPE__ int_fast32_t;
        typedef __UINT_FAST8_TYPE__ uint_fast8_t;
        typedef __UINT_FAST16_TYPE__ uint_fast16_t;
        typedef __UINT_FAST32_TYPE__ uint_fast32_t;
        #define INT8_MAX __INT8_MAX__
        #define INT16_MAX __INT16_MAX__
        #define INT32_MAX __INT32_MAX__
        #define INT64_MAX __INT64_MAX__
        #define UINT8_MAX __UINT8_MAX__
        #define UINT16_MAX __UINT16_MAX__
        #define UINT32_MAX __UINT32_MAX__
        #define UINT64_MAX __UINT64_MAX__
        #define INT8_C(v) v
        #define INT16_C(v) v
        #define INT32_C(v) v
        #define UINT8_C(v) v
        #define UINT16_C(v) v
        #define UINT32_C(v) v##U
        #define UINT64_C(v) v##ULL
        #endif

        """),
        ("stddef.h", """
        #ifndef H7LINT_STDDEF_H
        #define H7LINT_STDDEF_H
        typedef __SIZE_TYPE__ size_t;
        typedef __PTRDIFF_TYPE__ ptrdiff_t;
        typedef __WCHAR_TYPE__ wchar_t;
        #define NULL ((void *)0)
        #define offsetof(type, member) __builtin_offsetof(type, member)
        #endif

        """),
        ("stdbool.h", "#ifndef H7LINT_STDBOOL_H\n#define H7LINT_STDBOOL_H\n#define bool _Bool\n#define true 1\n#define false 0\n#endif\n"),
        ("stdarg.h", """
        #ifndef H7LINT_STDARG_H
        #define H7LINT_STDARG_H
        typedef __builtin_va_list va_list;
        #define va_start(ap, param) __builtin_va_start(ap, param)
        #define va_end(ap) __builtin_va_end(ap)
        #define va_arg(ap, type) __builtin_va_arg(ap, type)
        #endif

        """),
        ("limits.h", """
        #ifndef H7LINT_LIMITS_H
        #define H7LINT_LIMITS_H
        #define CHAR_BIT __CHAR_BIT__
        #define INT_MAX __INT_MAX__
        #define INT_MIN (-__INT_MAX__ - 1)
        #define UINT_MAX (__INT_MAX__ * 2U + 1U)
        #define LONG_MAX __LONG_MAX__
        #define LONG_MIN (-__LONG_MAX__ - 1L)
        #define ULONG_MAX (__LONG_MAX__ * 2UL + 1UL)
        #endif

        """),
    ].map { VirtualFile(path: "\(directory)/\($0.0)", contents: $0.1) }

    /// Part of each parse's cache key when they are used.
    static let digest: String = {
        var hash = StableHash()
        for file in files { hash.add(file.path); hash.add(file.contents) }
        return hash.hex
    }()
}
