// Adam's kernels for the baseline path (see AdamKernelBodies.inc).
#define ADAM_KERNEL_TABLE adamKernelsBaseline
#include "train/AdamKernelBodies.inc"
