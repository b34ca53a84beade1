// t-SNE's force kernels for the AVX-512 (x86-64-v4) path (see TsneKernelBodies.inc).
#define TSNE_KERNEL_TABLE tsneKernelsAvx512
#include "maps/TsneKernelBodies.inc"
