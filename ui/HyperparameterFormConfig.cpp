// The form and the experiment it describes: a preset's settings into the fields (applyPreset),
// the fields into a checked configuration (config).

#include "HyperparameterForm.h"
#include "config/OptionTable.h"
#include "train/Presets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

void HyperparameterForm::applyPreset(int index) {
    const Preset& preset = *findPreset(preset_->itemText(std::max(0, index)).toStdString());
    presetBase_ = preset.config;
    const ExperimentConfig& c = preset.config;
    kind_->setCurrentIndex(static_cast<int>(c.model.kind)); // the items follow ModelKind's order
    lambda_->setValue(c.model.easeLambda);
    neighbours_->setValue(c.model.knnNeighbours);
    shrink_->setValue(c.model.knnShrink);
    dim_->setValue(c.model.dim);
    biases_->setChecked(c.model.biases);
    QStringList widths;
    for (int width : c.model.hidden)
        widths << QString::number(width);
    hidden_->setText(widths.join(QLatin1Char(',')));
    productFeatures_->setChecked(c.model.productFeatures);
    dotTerm_->setChecked(c.model.dotTerm);
    kernelL2_->setValue(c.model.kernelL2);
    initScale_->setValue(c.model.embeddingInitScale);
    // Implicit-feedback MF trains by its own SGD: its epochs, rate and L2 fill the same fields.
    const bool implicit = c.objective == TrainObjective::ImplicitRatings;
    epochs_->setValue(implicit ? c.implicit.epochs : c.train.epochs);
    batch_->setValue(c.train.batchSize);
    optimizer_->setCurrentIndex(c.train.optimizer == OptimizerKind::Adam && !implicit ? 0 : 1);
    learningRate_->setValue(implicit                                   ? c.implicit.learningRate
                            : c.train.optimizer == OptimizerKind::Adam ? c.train.adam.learningRate
                                                                       : c.train.sgdLearningRate);
    beta1_->setValue(c.train.adam.beta1);
    beta2_->setValue(c.train.adam.beta2);
    epsilon_->setValue(c.train.adam.epsilon);
    l2_->setValue(implicit ? c.implicit.l2 : c.train.l2);
    seed_->setValue(static_cast<int>(c.train.shuffleSeed));
    // The preset's own thread count: a second thread is used only where it measured faster
    // with the machine idle and with another program busy (docs/BENCHMARKS.md).
    threads_->setValue(std::clamp(c.train.threads, threads_->minimum(), threads_->maximum()));
    split_->setCurrentIndex(static_cast<int>(c.split)); // the items follow SplitKind's order
    testFraction_->setValue(c.testFraction);
    splitSeed_->setValue(static_cast<int>(c.splitSeed));
    validation_->setValue(c.data.validationFraction);
    earlyStop_->setValue(c.train.earlyStopPatience);
    clip_->setChecked(c.train.clipPredictions);
    dropRepeats_->setChecked(c.data.dropDuplicateTrainPairs);
    indexing_->setCurrentIndex(c.data.indexing == RowIndexing::Dense ? 0 : 1);
    alpha_->setValue(c.als.confidence.alpha);
    minRating_->setValue(c.als.confidence.minRating);
    toReadWeight_->setValue(c.als.confidence.toReadWeight);
    cgSteps_->setValue(c.als.cgSteps);
    if (c.objective == TrainObjective::ImplicitAls) {
        epochs_->setValue(c.als.iterations);
        l2_->setValue(c.als.regularization);
        threads_->setValue(std::clamp(c.als.threads, threads_->minimum(), threads_->maximum()));
    }
    if (bprRanking()) { // BPR's own settings, by plain SGD (BprConfig)
        epochs_->setValue(c.bpr.epochs);
        optimizer_->setCurrentIndex(1);
        learningRate_->setValue(c.bpr.learningRate);
        l2_->setValue(c.bpr.l2);
        seed_->setValue(static_cast<int>(c.bpr.seed));
    }
    warmStart_->setValue(c.implicit.warmStartEpochs);
    lrDecay_->setValue(c.implicit.learningRateDecay);
    biasL2_->setValue(c.implicit.biasL2);
    implicitBooks_->setCurrentIndex(
        static_cast<int>(option(CliCommand::Train, "implicit-books").get(c))); // its choices' order
    preset_->setToolTip(QString::fromStdString(preset.description));
    updateEnabled();
    clearMessages();
}

std::optional<ExperimentConfig> HyperparameterForm::config() {
    clearMessages();
    ExperimentConfig config = presetBase_;
    ModelConfig& model = config.model;
    TrainConfig& train = config.train;
    model.kind = static_cast<ModelKind>(kind_->currentIndex());
    model.easeLambda = static_cast<float>(lambda_->value());
    model.knnNeighbours = neighbours_->value();
    model.knnShrink = static_cast<float>(shrink_->value());
    // Item-item models rank books; a rating preset switched to one (or back) follows its kind.
    if (!hasEmbeddingTables(model.kind))
        config.objective = TrainObjective::Ranking;
    else if (!hasEmbeddingTables(presetBase_.model.kind))
        config.objective = TrainObjective::Ratings;
    model.dim = dim_->value();
    model.biases = biases_->isChecked();
    model.hidden.clear();
    const QString hiddenText = hidden_->text().trimmed();
    const QStringList parts = hiddenText.split(QLatin1Char(','));
    for (const QString& part : parts) {
        bool ok = false;
        const int width = part.toInt(&ok);
        if (hiddenText.isEmpty())
            break;
        const OptionDef& widths = option(CliCommand::Train, "hidden");
        if (!ok || !inRange(widths, width)) {
            refuse(hidden_, tr("Hidden layers: give widths from %1 to %2 separated by single "
                               "commas, such as 128,32")
                                .arg(widths.min)
                                .arg(widths.max));
            break;
        }
        model.hidden.push_back(width);
    }
    const bool neural = model.kind == ModelKind::Neural;
    model.productFeatures = neural && productFeatures_->isChecked();
    model.dotTerm = neural && dotTerm_->isChecked();
    model.kernelL2 = neural ? static_cast<float>(kernelL2_->value()) : 0.0f;
    model.embeddingInitScale = static_cast<float>(initScale_->value());
    train.epochs = epochs_->value();
    train.batchSize = batch_->value();
    train.optimizer = optimizer_->currentIndex() == 0 ? OptimizerKind::Adam : OptimizerKind::Sgd;
    train.adam.learningRate = static_cast<float>(learningRate_->value());
    train.sgdLearningRate = static_cast<float>(learningRate_->value());
    train.adam.beta1 = static_cast<float>(beta1_->value());
    train.adam.beta2 = static_cast<float>(beta2_->value());
    train.adam.epsilon = static_cast<float>(epsilon_->value());
    if (train.optimizer == OptimizerKind::Adam && !(train.adam.beta1 < std::sqrt(train.adam.beta2)))
        refuse(beta1_, tr("Beta 1 must be below the square root of beta 2 (%1), or Adam's "
                          "steps grow without bound")
                           .arg(std::sqrt(beta2_->value()), 0, 'f', 4));
    train.l2 = static_cast<float>(l2_->value());
    train.shuffleSeed = static_cast<std::uint64_t>(seed_->value());
    config.initSeed = train.shuffleSeed;
    train.threads = threads_->value();
    config.split = static_cast<SplitKind>(split_->currentIndex());
    config.testFraction = testFraction_->value();
    if (config.split != SplitKind::Notebook)
        config.splitSeed = static_cast<std::uint64_t>(splitSeed_->value());
    config.data.validationFraction = validation_->value();
    train.earlyStopPatience = earlyStop_->value();
    if (train.earlyStopPatience > 0 && config.data.validationFraction <= 0.0)
        refuse(validation_, tr("Early stopping watches the validation ratings: give a "
                               "validation share above 0 (e.g. 0.05)"));
    if (config.testFraction + config.data.validationFraction * (1.0 - config.testFraction) >= 0.95)
        refuse(validation_, tr("Test and validation together leave too few training ratings"));
    train.clipPredictions = clip_->isChecked();
    if (config.objective == TrainObjective::ImplicitRatings) {
        config.implicit.epochs = train.epochs;
        config.implicit.learningRate = train.sgdLearningRate;
        config.implicit.l2 = train.l2;
        config.implicit.seed = train.shuffleSeed;
        config.implicit.warmStartEpochs = warmStart_->value();
        config.implicit.learningRateDecay = static_cast<float>(lrDecay_->value());
        config.implicit.biasL2 = static_cast<float>(biasL2_->value());
        option(CliCommand::Train, "implicit-books").set(config, implicitBooks_->currentIndex());
        // The warm start runs under the preset's own Adam settings, as on the command line
        // (--epochs, --lr and --l2 are the implicit epochs'; --batch is the warm start's).
        train.epochs = presetBase_.train.epochs;
        train.optimizer = presetBase_.train.optimizer;
        train.adam = presetBase_.train.adam;
        train.sgdLearningRate = presetBase_.train.sgdLearningRate;
        train.l2 = presetBase_.train.l2;
        if (model.kind != ModelKind::Dot || !model.biases)
            refuse(kind_,
                   tr("%1 trains the dot product model with biases").arg(preset_->currentText()));
    }
    config.data.dropDuplicateTrainPairs = dropRepeats_->isChecked();
    config.data.indexing =
        indexing_->currentIndex() == 0 ? RowIndexing::Dense : RowIndexing::RawIds;
    if (implicitAls()) {
        model.kind = ModelKind::Dot;
        model.biases = false;
        config.als.iterations = epochs_->value();
        config.als.regularization = static_cast<float>(l2_->value());
        config.als.threads = threads_->value();
        train.threads = presetBase_.train.threads; // the rating trainer's, unused here
        config.als.confidence.alpha = static_cast<float>(alpha_->value());
        config.als.confidence.minRating = static_cast<float>(minRating_->value());
        config.als.confidence.toReadWeight = static_cast<float>(toReadWeight_->value());
        config.als.cgSteps = cgSteps_->value();
        train.earlyStopPatience = 0;
        config.data.validationFraction = 0.0;
        train.clipPredictions = false;
        train.l2 = 0.0f;
    }
    if (bprRanking()) {
        // BPR's own settings (BprConfig) from the shared fields; the rating trainer's, which BPR
        // never reads, stay the preset's, as `shelfscope-cli train --preset ranking-dot` leaves
        // them. The seed is the seed option's: the weights, BPR's order and its sampled books.
        const std::uint64_t seed = train.shuffleSeed;
        train = presetBase_.train;
        train.shuffleSeed = seed;
        model.kind = ModelKind::Dot;
        model.biases = true;
        config.bpr.epochs = epochs_->value();
        config.bpr.learningRate = static_cast<float>(learningRate_->value());
        config.bpr.l2 = static_cast<float>(l2_->value());
        config.bpr.seed = seed;
        config.data.validationFraction = 0.0; // BPR reads no validation rows: train on them
    }
    if (lastError_.isEmpty()) {
        try {
            validateExperimentConfig(config);
        } catch (const std::invalid_argument& invalid) {
            refuse(nullptr, QString::fromUtf8(invalid.what()));
        }
    }
    if (!lastError_.isEmpty())
        return std::nullopt;
    return config;
}

} // namespace shelfscope::ui
