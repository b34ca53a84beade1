// Which fields of the form the chosen preset and model use: the others are disabled.

#include "HyperparameterForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

namespace shelfscope::ui {

void HyperparameterForm::updateEnabled() {
    const bool als = implicitAls();
    const auto kind = static_cast<ModelKind>(kind_->currentIndex());
    const bool neural = kind == ModelKind::Neural && !als;
    for (QWidget* field : {static_cast<QWidget*>(hidden_), static_cast<QWidget*>(productFeatures_),
                           static_cast<QWidget*>(dotTerm_), static_cast<QWidget*>(kernelL2_)})
        field->setEnabled(neural);
    // Item-item models have no embeddings and take no gradient steps.
    const bool embedded = hasEmbeddingTables(kind);
    for (QWidget* field : {static_cast<QWidget*>(dim_), static_cast<QWidget*>(biases_),
                           static_cast<QWidget*>(initScale_), static_cast<QWidget*>(indexing_),
                           static_cast<QWidget*>(optimizer_), static_cast<QWidget*>(learningRate_),
                           static_cast<QWidget*>(epochs_), static_cast<QWidget*>(batch_),
                           static_cast<QWidget*>(l2_), static_cast<QWidget*>(threads_),
                           static_cast<QWidget*>(earlyStop_), static_cast<QWidget*>(clip_)})
        field->setEnabled(embedded);
    lambda_->setEnabled(kind == ModelKind::Ease);
    neighbours_->setEnabled(kind == ModelKind::ItemKnn);
    shrink_->setEnabled(kind == ModelKind::ItemKnn);
    const bool adam = optimizer_->currentIndex() == 0 && !als;
    for (QDoubleSpinBox* field : {beta1_, beta2_, epsilon_})
        field->setEnabled(adam && embedded);
    // Implicit ALS trains a dot model without biases by its own solver: no optimiser, batches,
    // early stopping or clipping; its own fields are live only for it.
    if (als)
        for (QWidget* field :
             {static_cast<QWidget*>(kind_), static_cast<QWidget*>(biases_),
              static_cast<QWidget*>(optimizer_), static_cast<QWidget*>(learningRate_),
              static_cast<QWidget*>(batch_), static_cast<QWidget*>(earlyStop_),
              static_cast<QWidget*>(validation_), static_cast<QWidget*>(clip_)})
            field->setEnabled(false);
    else
        for (QWidget* field : {static_cast<QWidget*>(kind_), static_cast<QWidget*>(validation_)})
            field->setEnabled(true);
    for (QWidget* field : {static_cast<QWidget*>(alpha_), static_cast<QWidget*>(minRating_),
                           static_cast<QWidget*>(toReadWeight_), static_cast<QWidget*>(cgSteps_)})
        field->setEnabled(als);
    splitSeed_->setEnabled(split_->currentIndex() != 0);
    const bool implicit = presetBase_.objective == TrainObjective::ImplicitRatings;
    for (QWidget* field : {static_cast<QWidget*>(warmStart_), static_cast<QWidget*>(lrDecay_),
                           static_cast<QWidget*>(biasL2_), static_cast<QWidget*>(implicitBooks_)})
        field->setEnabled(implicit);
    testFraction_->setEnabled(split_->currentIndex() != 2);
}

} // namespace shelfscope::ui
