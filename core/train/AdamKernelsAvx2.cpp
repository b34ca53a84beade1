// Adam's kernels for the AVX2 (x86-64-v3) path (see AdamKernelBodies.inc).
#define ADAM_KERNEL_TABLE adamKernelsAvx2
#include "train/AdamKernelBodies.inc"
