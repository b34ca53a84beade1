// Which fields of the form the chosen preset and model use. A field they do not use is disabled
// and its tooltip says why; a field an objective reads as its own setting says whose it is.

#include "HyperparameterForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace shelfscope::ui {

void HyperparameterForm::setFieldUse(QWidget* field, const QString& whyNot, const QString& note) {
    // The tooltip the field was made with, before any note was added to it.
    const auto base = baseTips_.constFind(field);
    const QString tip = base != baseTips_.cend() ? *base : field->toolTip();
    if (base == baseTips_.cend())
        baseTips_.insert(field, tip);
    field->setEnabled(whyNot.isEmpty());
    QString shown = tip;
    if (!whyNot.isEmpty())
        shown += tr("\n\nNot used here: %1.").arg(whyNot);
    else if (!note.isEmpty())
        shown += QStringLiteral("\n\n") + note;
    field->setToolTip(shown);
}

void HyperparameterForm::updateEnabled() {
    const bool als = implicitAls();
    const bool bpr = bprRanking();
    const bool implicit = presetBase_.objective == TrainObjective::ImplicitRatings;
    const auto kind = static_cast<ModelKind>(kind_->currentIndex());
    const bool embedded = hasEmbeddingTables(kind);
    // The first reason found for a field is the one its tooltip gives.
    QHash<QWidget*, QString> whyNot;
    const auto notUsed = [&whyNot](std::initializer_list<QWidget*> fields, const QString& why) {
        for (QWidget* field : fields)
            if (!whyNot.contains(field))
                whyNot.insert(field, why);
    };
    // Implicit ALS trains a dot model without biases by its own solver: no optimiser, batches,
    // early stopping or clipping.
    if (als) {
        notUsed({kind_, biases_}, tr("implicit ALS (ials) trains the dot model without biases"));
        notUsed({optimizer_, learningRate_, beta1_, beta2_, epsilon_, batch_},
                tr("implicit ALS solves each reader's and book's row in closed form, with no "
                   "optimiser, learning rate or batches"));
        notUsed({earlyStop_, validation_},
                tr("implicit ALS runs its iterations and watches no validation ratings"));
        notUsed({clip_}, tr("implicit ALS ranks books: its scores are no stars to clip"));
    }
    // BPR takes a plain SGD step per training pair against one sampled unrated book, on one
    // thread, with its own epochs, rate, L2 and seed (BprConfig); the rating trainer's settings
    // are not read.
    if (bpr) {
        notUsed({kind_, biases_}, tr("ranking-dot trains the dot model with biases by BPR (the "
                                     "ease and item-knn presets rank with item-item models)"));
        notUsed({optimizer_, beta1_, beta2_, epsilon_},
                tr("BPR steps by plain SGD at its own learning rate"));
        notUsed({batch_}, tr("BPR updates the model once per training pair, against one "
                             "sampled book the reader has not rated"));
        notUsed({threads_}, tr("BPR trains on one thread"));
        notUsed({earlyStop_, validation_},
                tr("BPR ranks books: there are no validation ratings to stop on, so no rating "
                   "is held out for them"));
        notUsed({clip_}, tr("BPR ranks books: its scores are no stars to clip"));
    }
    if (!embedded)
        notUsed({dim_, biases_, initScale_, indexing_, optimizer_, learningRate_, epochs_, batch_,
                 l2_, threads_, earlyStop_, clip_, beta1_, beta2_, epsilon_},
                tr("item-item models have no embeddings and take no gradient steps"));
    if (kind != ModelKind::Neural)
        notUsed({hidden_, productFeatures_, dotTerm_, kernelL2_}, tr("neural model only"));
    if (kind != ModelKind::Ease)
        notUsed({lambda_}, tr("EASE only"));
    if (kind != ModelKind::ItemKnn)
        notUsed({neighbours_, shrink_}, tr("item-kNN only"));
    if (optimizer_->currentIndex() != 0)
        notUsed({beta1_, beta2_, epsilon_}, tr("Adam only"));
    if (!als)
        notUsed({alpha_, minRating_, toReadWeight_, cgSteps_}, tr("implicit ALS (ials) only"));
    if (!implicit)
        notUsed({warmStart_, lrDecay_, biasL2_, implicitBooks_},
                tr("implicit-feedback MF (tuned-implicit) only"));
    if (split_->currentIndex() == 0)
        notUsed({splitSeed_}, tr("the notebook's split always takes seed 42"));
    if (split_->currentIndex() == 2)
        notUsed({testFraction_}, tr("the per-reader split holds out 5 ratings of every reader "
                                    "with 10 or more"));

    // The fields BPR reads as its own settings say so.
    QHash<QWidget*, QString> notes;
    if (bpr) {
        notes.insert(epochs_, tr("ranking-dot: BPR's epochs; each takes every training pair "
                                 "once"));
        notes.insert(learningRate_, tr("ranking-dot: BPR's SGD step size"));
        notes.insert(l2_, tr("ranking-dot: BPR's L2, applied at each update to the rows it "
                             "touches"));
        notes.insert(seed_, tr("ranking-dot: seeds the weights, BPR's order and its sampled "
                               "unrated books"));
    }
    for (QWidget* field : std::initializer_list<QWidget*>{
             kind_,      dim_,          biases_,       hidden_,    productFeatures_,
             dotTerm_,   kernelL2_,     initScale_,    lambda_,    neighbours_,
             shrink_,    epochs_,       batch_,        optimizer_, learningRate_,
             beta1_,     beta2_,        epsilon_,      l2_,        seed_,
             threads_,   split_,        testFraction_, splitSeed_, validation_,
             earlyStop_, clip_,         dropRepeats_,  indexing_,  alpha_,
             minRating_, toReadWeight_, cgSteps_,      warmStart_, lrDecay_,
             biasL2_,    implicitBooks_})
        setFieldUse(field, whyNot.value(field), notes.value(field));
    bprNote_->setVisible(bpr);
}

} // namespace shelfscope::ui
