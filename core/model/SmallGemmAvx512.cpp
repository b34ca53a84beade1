// The small products' kernels for the AVX-512 (x86-64-v4) path (see SmallGemmBodies.inc).
#define SMALL_GEMM_TABLE smallGemmAvx512
#include "model/SmallGemmBodies.inc"
