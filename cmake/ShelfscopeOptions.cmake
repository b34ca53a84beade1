# Compile options shared by every Shelfscope target, applied per target (never globally).
add_library(shelfscope_options INTERFACE)
add_library(Shelfscope::options ALIAS shelfscope_options)

target_compile_options(shelfscope_options INTERFACE -Wall -Wextra -Wpedantic)
if(SHELFSCOPE_WERROR)
    target_compile_options(shelfscope_options INTERFACE -Werror)
endif()

# Speed matters in the training and loading loops; -O3 only where the build type asks to optimise.
target_compile_options(shelfscope_options INTERFACE
    $<$<CONFIG:Release>:-O3>
    $<$<CONFIG:RelWithDebInfo>:-O3>)
# Portable builds target x86-64-v2 (SSE4.2, POPCNT: every x86-64 CPU since about 2009); the hot
# kernels carry AVX2 and AVX-512 paths chosen at start-up (core/util/CpuPath.h). A native build
# compiles everything for the build machine and may not start on another CPU.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    set(SHELFSCOPE_X86_64 TRUE)
else()
    set(SHELFSCOPE_X86_64 FALSE)
endif()
if(NOT SHELFSCOPE_NATIVE AND SHELFSCOPE_X86_64)
    target_compile_options(shelfscope_options INTERFACE -march=x86-64-v2)
endif()
if(SHELFSCOPE_NATIVE)
    target_compile_options(shelfscope_options INTERFACE -march=native)
    # GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsic headers when Eigen
    # vectorises for AVX-512 (GCC bug 105593, fixed in GCC 13); silence only that compiler.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(shelfscope_options INTERFACE -Wno-maybe-uninitialized)
    endif()
endif()

# The sanitizer builds compile at -O1 with line tables only (-g1): the level the sanitizers'
# own documentation advises (reports keep their frames, little is inlined away), and about
# half the compile time of -O3 -g, which matters on a 2-core machine building 60 test programs.
if(SHELFSCOPE_SANITIZE OR SHELFSCOPE_TSAN)
    target_compile_options(shelfscope_options INTERFACE -O1 -g1)
endif()
if(SHELFSCOPE_SANITIZE)
    target_compile_options(shelfscope_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(shelfscope_options INTERFACE -fsanitize=address,undefined)
endif()
if(SHELFSCOPE_TSAN)
    if(SHELFSCOPE_SANITIZE)
        message(FATAL_ERROR "SHELFSCOPE_TSAN and SHELFSCOPE_SANITIZE cannot be combined: "
                            "ThreadSanitizer and AddressSanitizer each need the whole address space")
    endif()
    target_compile_options(shelfscope_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(shelfscope_options INTERFACE -fsanitize=thread)
endif()

if(SHELFSCOPE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "SHELFSCOPE_FUZZ needs clang (libFuzzer): use the fuzz preset")
    endif()
    # Coverage instrumentation without libFuzzer's main(); the fuzz targets link the fuzzer.
    target_compile_options(shelfscope_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(shelfscope_options INTERFACE -fsanitize=address,undefined)
endif()

# Qt-side strictness, used by targets that link Qt.
add_library(shelfscope_qt_options INTERFACE)
add_library(Shelfscope::qt_options ALIAS shelfscope_qt_options)
target_compile_definitions(shelfscope_qt_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
