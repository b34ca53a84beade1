// The small products' kernels for the AVX2 (x86-64-v3) path (see SmallGemmBodies.inc).
#define SMALL_GEMM_TABLE smallGemmAvx2
#include "model/SmallGemmBodies.inc"
