// Adam's kernels for the AVX-512 (x86-64-v4) path (see AdamKernelBodies.inc).
#define ADAM_KERNEL_TABLE adamKernelsAvx512
#include "train/AdamKernelBodies.inc"
