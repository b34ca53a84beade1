// The small products' kernels for the baseline path (see SmallGemmBodies.inc).
#define SMALL_GEMM_TABLE smallGemmBaseline
#include "model/SmallGemmBodies.inc"
