// t-SNE's force kernels for the baseline path (see TsneKernelBodies.inc).
#define TSNE_KERNEL_TABLE tsneKernelsBaseline
#include "maps/TsneKernelBodies.inc"
