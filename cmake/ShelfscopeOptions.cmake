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
if(SHELFSCOPE_NATIVE)
    target_compile_options(shelfscope_options INTERFACE -march=native)
    # GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsic headers when Eigen
    # vectorises for AVX-512 (GCC bug 105593, fixed in GCC 13); silence only that compiler.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(shelfscope_options INTERFACE -Wno-maybe-uninitialized)
    endif()
endif()

if(SHELFSCOPE_SANITIZE)
    target_compile_options(shelfscope_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
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
