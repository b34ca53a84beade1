// t-SNE's force kernels for the AVX2 (x86-64-v3) path (see TsneKernelBodies.inc).
#define TSNE_KERNEL_TABLE tsneKernelsAvx2
#include "maps/TsneKernelBodies.inc"
