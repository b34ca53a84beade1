#pragma once

#include "model/ItemItemModel.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <atomic>
#include <memory>

namespace shelfscope {

/// An item-item model fitted to the training rows, read as a 0/1 matrix X (reader read book).
struct ItemItemFit {
    std::unique_ptr<ItemItemModel> model;
    TrainResult training; ///< no epochs and no rating errors: these models rank books
};

/// The stages a fit reports, in order, as TrainProgress's epoch (1-based) of `epochs` = 4.
enum class ItemItemStage { Gram = 1, Factorise, Invert, Weights };
/// "gram", "factorise", "invert", "weights".
const char* itemItemStageName(ItemItemStage stage);

/// Fits config.kind (Ease or ItemKnn) on data.train. EASE (Steck 2019): B = I - P diag(1/diag P),
/// P = (X^T X + lambda I)^-1, which minimises |X - XB|^2 + lambda |B|^2 with diag(B) = 0; the
/// inverse is LAPACK's (OpenBLAS, at most 2 threads). Item-kNN: sim(i, j) = c_ij / (sqrt(c_i c_j)
/// + shrink), c the co-occurrence counts of X^T X, the `knnNeighbours` most similar books j kept
/// for each book i as W[j, i].
///
/// A closed form, not epochs, but it speaks to the caller as the epoch driver does: its stages
/// go to callbacks.progress as epochs 1-4 of 4 (ItemItemStage) with the fraction of the stage
/// done as batches of 1,000, at most every 50 ms and at each stage's start; there is no ETA
/// (LAPACK's stages take time the fit cannot foresee) and no epoch report. `cancel` is seen
/// between stages and every 512 readers or 256 books or rows inside them (milliseconds), but not
/// during LAPACK's factorisation and inversion (each a few seconds for 10,000 books). A cancel
/// throws OperationCancelled: where an epoch trainer keeps the weights reached, a fit stopped
/// half-way has no model (half an inverse, or neighbours for some books only, would recommend
/// wrongly). Throws std::invalid_argument for a model kind that is not item-item.
ItemItemFit fitItemItem(const ModelConfig& config, const TrainingData& data,
                        const TrainCallbacks& callbacks = {},
                        const std::atomic<bool>& cancel = neverCancelled());

/// G = X^T X of the reader lists as a dense books x books matrix (both triangles), on up to
/// two threads; progress as `fraction` of readers done, cancel between blocks of readers.
Matrix gramOf(const ReaderBooks& readers, std::int32_t books,
              const std::function<void(double fraction)>& progress,
              const std::atomic<bool>& cancel);

/// The EASE weights from the gram matrix, in place: G + lambda I is inverted (LAPACK) and turned
/// into B. `stage` is told when factorisation, inversion and the weights begin.
void easeWeightsInPlace(Matrix& gram, float lambda, const std::function<void(ItemItemStage)>& stage,
                        const std::atomic<bool>& cancel);

/// Item-kNN neighbour lists (ItemWeights, sparse) from the gram matrix; progress as `fraction`
/// of books done, cancel between blocks of books.
ItemWeights knnWeights(const Matrix& gram, int neighbours, float shrink,
                       const std::function<void(double fraction)>& progress,
                       const std::atomic<bool>& cancel);

} // namespace shelfscope
