#include "HyperparameterForm.h"

#include "OptionRanges.h"
#include "WidgetSettings.h"
#include "train/Presets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

namespace shelfscope::ui {

namespace {

// Ranges and precision come from train's options in the option table (OptionRanges.h).
QDoubleSpinBox* makeNumberBox(const char* name, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    useOptionRange(box, CliCommand::Train, name);
    box->setToolTip(tip + optionRangeNote(CliCommand::Train, name));
    return box;
}

QSpinBox* makeIntBox(const char* name, const QString& tip) {
    auto* box = new QSpinBox;
    useOptionRange(box, CliCommand::Train, name);
    box->setToolTip(tip + optionRangeNote(CliCommand::Train, name));
    return box;
}

QCheckBox* makeCheckBox(const QString& text, const QString& tip) {
    auto* box = new QCheckBox(text);
    box->setToolTip(tip);
    return box;
}

const QString kErrorStyle = QStringLiteral("color: #b00020");

} // namespace

HyperparameterForm::HyperparameterForm(QWidget* parent)
    : QWidget(parent), preset_(new QComboBox), kind_(new QComboBox),
      dim_(makeIntBox("dim", tr("Embedding size d of users and books"))),
      biases_(makeCheckBox(tr("biases (mean, user, book)"),
                           tr("Add the global mean and a learned bias per user and per book"))),
      hidden_(new QLineEdit),
      productFeatures_(makeCheckBox(tr("product features"),
                                    tr("Neural model: feed the elementwise product of the two "
                                       "embeddings to the first layer too"))),
      dotTerm_(makeCheckBox(tr("dot term"), tr("Neural model: add the embeddings' dot product to "
                                               "the output, so the layers learn a correction"))),
      kernelL2_(makeNumberBox("kernel-l2",
                              tr("Neural model: L2 penalty on the Dense kernels, once per batch"))),
      initScale_(makeNumberBox("init-scale",
                               tr("Embeddings start uniform in [-scale, scale] (Keras: 0.05)"))),
      lambda_(makeNumberBox("lambda", tr("EASE: the ridge penalty on the item-item weights "
                                         "(larger: closer to popularity)"))),
      neighbours_(makeIntBox("neighbours", tr("Item-kNN: the most similar books kept per book"))),
      shrink_(makeNumberBox("shrink", tr("Item-kNN: added to the cosine's denominator, so books "
                                         "read together by few readers count less"))),
      epochs_(makeIntBox("epochs", tr("Passes over the training ratings"))),
      batch_(makeIntBox("batch", tr("Ratings per gradient step"))), optimizer_(new QComboBox),
      learningRate_(makeNumberBox("lr", tr("Step size of Adam or SGD"))),
      beta1_(makeNumberBox("beta1", tr("Adam: decay of the gradient average (Keras 0.9)"))),
      beta2_(makeNumberBox("beta2", tr("Adam: decay of the squared-gradient average (Keras 0.999); "
                                       "beta1 must stay below its square root"))),
      epsilon_(makeNumberBox("epsilon", tr("Adam: added to the root (Keras 1e-7)"))),
      l2_(makeNumberBox("l2", tr("L2 penalty on the embedding (and bias) rows of each rating"))),
      seed_(makeIntBox("seed",
                       tr("Seed for the weights and the shuffling: the same seed on one thread "
                          "gives the same run"))),
      threads_(
          makeIntBox("threads", tr("Threads: large steps are split among them; with small steps "
                                   "under Adam a second thread settles the coming batches' rows "
                                   "(the same result as one thread)"))),
      split_(new QComboBox), testFraction_(makeNumberBox(
                                 "test-fraction", tr("Share of the ratings held out for testing"))),
      splitSeed_(makeIntBox("split-seed", tr("Seed of the test split (notebook: 42)"))),
      validation_(makeNumberBox("validation-fraction",
                                tr("Share of the training ratings held out for validation "
                                   "(early stopping); 0 for none"))),
      earlyStop_(makeIntBox("early-stop", tr("Stop when validation RMSE has not improved for this "
                                             "many epochs and keep the best epoch (0: never)"))),
      clip_(makeCheckBox(tr("clip predictions to the rating scale"),
                         tr("Clamp predictions to the scale (1 to 5) when evaluating"))),
      dropRepeats_(makeCheckBox(tr("drop repeated pairs from the training rows"),
                                tr("Keep only the last rating of a (reader, book) pair that the "
                                   "file repeats; the test rows stay as split"))),
      indexing_(new QComboBox),
      alpha_(makeNumberBox("alpha", tr("Implicit ALS: a rated book counts with confidence "
                                       "1 + alpha; a book not rated with 1"))),
      minRating_(
          makeNumberBox("min-rating", tr("Implicit ALS: ratings below this are no signal (1: every "
                                         "rating says the reader picked the book up)"))),
      toReadWeight_(makeNumberBox("to-read-weight",
                                  tr("Implicit ALS: a book on the reader's to-read list counts "
                                     "with confidence 1 + this weight (0: lists not used)"))),
      cgSteps_(makeIntBox("cg-steps", tr("Implicit ALS: conjugate-gradient steps per row and "
                                         "iteration, from the previous factors"))),
      generalMessage_(new QLabel) {
    // The rating models (tuned-implicit among them), implicit ALS, which ranks books and charts
    // its objective per iteration, and the item-item models, which fit in seconds and recommend
    // with explanations in the Readers tab (ranking-dot is trained with shelfscope-cli and judged
    // with `evaluate`).
    for (const Preset& preset : presets())
        if (preset.config.objective == TrainObjective::Ratings ||
            preset.config.objective == TrainObjective::ImplicitRatings ||
            preset.config.objective == TrainObjective::ImplicitAls ||
            !hasEmbeddingTables(preset.config.model.kind))
            preset_->addItem(QString::fromStdString(preset.name));
    // In ModelKind's order.
    kind_->addItems(
        {tr("dot product"), tr("neural"), tr("EASE (item-item)"), tr("item-kNN (item-item)")});
    kind_->setToolTip(tr("Dot product of the embeddings, a neural network on them, or an "
                         "item-item model without embeddings that ranks books: EASE (closed "
                         "form) or item-kNN (cosine with shrinkage)"));
    optimizer_->addItems({QStringLiteral("Adam"), QStringLiteral("SGD")});
    split_->addItems({tr("notebook (scikit-learn)"), tr("random"), tr("per reader (ranking)")});
    indexing_->addItems({tr("one per rated reader/book"), tr("by raw id (notebook)")});
    indexing_->setToolTip(tr("Embedding rows: one per reader and book with ratings, or tables "
                             "sized max id + 1 and indexed by raw id as the notebook's Keras "
                             "model was"));
    split_->setToolTip(tr("The notebook's own split (train_test_split, seed 42), a seeded "
                          "random holdout, or 5 ratings of every reader with 10 or more held out "
                          "(for ranking metrics)"));
    hidden_->setToolTip(
        tr("Neural model: widths of the relu layers, comma-separated (e.g. 128,32)"));
    hidden_->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("^[0-9]*(,[0-9]*)*$")), hidden_));
    generalMessage_->setWordWrap(true);
    generalMessage_->setStyleSheet(kErrorStyle);
    generalMessage_->hide();

    auto* top = new QFormLayout;
    top->addRow(tr("Preset"), preset_);
    top->addRow(tr("Model"), kind_);
    auto* tabs = new QTabWidget;
    auto* modelPage = new QWidget;
    auto* modelForm = new QFormLayout(modelPage);
    addField(modelForm, tr("Embedding size"), dim_);
    addField(modelForm, QString(), biases_);
    addField(modelForm, tr("Hidden layers"), hidden_);
    addField(modelForm, QString(), productFeatures_);
    addField(modelForm, QString(), dotTerm_);
    addField(modelForm, tr("Kernel L2"), kernelL2_);
    addField(modelForm, tr("Init scale"), initScale_);
    addField(modelForm, tr("Embedding rows"), indexing_);
    addField(modelForm, tr("EASE lambda"), lambda_);
    addField(modelForm, tr("kNN neighbours"), neighbours_);
    addField(modelForm, tr("kNN shrink"), shrink_);
    auto* optimizerPage = new QWidget;
    auto* optimizerForm = new QFormLayout(optimizerPage);
    addField(optimizerForm, tr("Optimizer"), optimizer_);
    addField(optimizerForm, tr("Learning rate"), learningRate_);
    addField(optimizerForm, tr("Beta 1"), beta1_);
    addField(optimizerForm, tr("Beta 2"), beta2_);
    addField(optimizerForm, tr("Epsilon"), epsilon_);
    addField(optimizerForm, tr("Epochs"), epochs_);
    addField(optimizerForm, tr("Batch size"), batch_);
    addField(optimizerForm, tr("L2"), l2_);
    addField(optimizerForm, tr("Seed"), seed_);
    addField(optimizerForm, tr("Threads"), threads_);
    warmStart_ = makeIntBox("warm-start", tr("Epochs of plain biased matrix factorisation under "
                                             "the preset's Adam settings before the implicit "
                                             "epochs"));
    lrDecay_ = makeNumberBox("lr-decay", tr("The implicit epochs' learning rate is multiplied by "
                                            "this after every epoch"));
    biasL2_ = makeNumberBox("bias-l2", tr("L2 penalty on the biases, per rating"));
    implicitBooks_ = new QComboBox;
    implicitBooks_->addItems({tr("rated and to-read"), tr("rated"), tr("to-read"), tr("none")});
    implicitBooks_->setToolTip(tr("The books that stand for a reader beside their own vector: "
                                  "rated in the training rows, on the to-read list (never a "
                                  "held-out book), both, or none (plain biased MF)"));
    auto* implicitPage = new QWidget;
    auto* implicitForm = new QFormLayout(implicitPage);
    addField(implicitForm, tr("Warm-start epochs"), warmStart_);
    addField(implicitForm, tr("Implicit books"), implicitBooks_);
    addField(implicitForm, tr("Rate decay"), lrDecay_);
    addField(implicitForm, tr("Bias L2"), biasL2_);
    auto* dataPage = new QWidget;
    auto* dataForm = new QFormLayout(dataPage);
    addField(dataForm, tr("Split"), split_);
    addField(dataForm, tr("Test share"), testFraction_);
    addField(dataForm, tr("Split seed"), splitSeed_);
    addField(dataForm, tr("Validation share"), validation_);
    addField(dataForm, tr("Early stop after"), earlyStop_);
    addField(dataForm, QString(), dropRepeats_);
    addField(dataForm, QString(), clip_);
    auto* alsPage = new QWidget;
    auto* alsForm = new QFormLayout(alsPage);
    addField(alsForm, tr("Alpha"), alpha_);
    addField(alsForm, tr("Lowest rating"), minRating_);
    addField(alsForm, tr("To-read weight"), toReadWeight_);
    addField(alsForm, tr("CG steps"), cgSteps_);
    auto* alsNote = new QLabel(tr("Implicit ALS (the ials preset): Epochs are its iterations, "
                                  "L2 its lambda, on the Training page."));
    alsNote->setWordWrap(true);
    alsForm->addRow(alsNote);
    tabs->addTab(modelPage, tr("Model"));
    tabs->addTab(optimizerPage, tr("Training"));
    tabs->addTab(dataPage, tr("Split"));
    tabs->addTab(alsPage, tr("Implicit ALS"));
    tabs->addTab(implicitPage, tr("Implicit"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(tabs);
    layout->addWidget(generalMessage_);

    const std::pair<QWidget*, const char*> names[] = {{preset_, "preset"},
                                                      {kind_, "kind"},
                                                      {dim_, "dim"},
                                                      {biases_, "biases"},
                                                      {hidden_, "hidden"},
                                                      {productFeatures_, "productFeatures"},
                                                      {dotTerm_, "dotTerm"},
                                                      {kernelL2_, "kernelL2"},
                                                      {initScale_, "initScale"},
                                                      {lambda_, "lambda"},
                                                      {neighbours_, "neighbours"},
                                                      {shrink_, "shrink"},
                                                      {epochs_, "epochs"},
                                                      {batch_, "batch"},
                                                      {optimizer_, "optimizer"},
                                                      {learningRate_, "learningRate"},
                                                      {beta1_, "beta1"},
                                                      {beta2_, "beta2"},
                                                      {epsilon_, "epsilon"},
                                                      {l2_, "l2"},
                                                      {seed_, "seed"},
                                                      {threads_, "threads"},
                                                      {split_, "split"},
                                                      {testFraction_, "testFraction"},
                                                      {splitSeed_, "splitSeed"},
                                                      {validation_, "validation"},
                                                      {earlyStop_, "earlyStop"},
                                                      {clip_, "clip"},
                                                      {dropRepeats_, "dropRepeats"},
                                                      {indexing_, "indexing"},
                                                      {alpha_, "alsAlpha"},
                                                      {minRating_, "alsMinRating"},
                                                      {toReadWeight_, "alsToReadWeight"},
                                                      {cgSteps_, "alsCgSteps"},
                                                      {warmStart_, "warmStart"},
                                                      {lrDecay_, "lrDecay"},
                                                      {biasL2_, "biasL2"},
                                                      {implicitBooks_, "implicitBooks"}};
    for (const auto& [field, name] : names)
        field->setObjectName(QString::fromLatin1(name));

    connect(preset_, &QComboBox::currentIndexChanged, this, &HyperparameterForm::applyPreset);
    connect(kind_, &QComboBox::currentIndexChanged, this, &HyperparameterForm::updateEnabled);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, &HyperparameterForm::updateEnabled);
    connect(split_, &QComboBox::currentIndexChanged, this, &HyperparameterForm::updateEnabled);
    applyPreset(0);
}

void HyperparameterForm::addField(QFormLayout* form, const QString& label, QWidget* field) {
    auto* cell = new QWidget;
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    auto* message = new QLabel;
    message->setWordWrap(true);
    message->setStyleSheet(kErrorStyle);
    message->hide();
    column->addWidget(message);
    messages_.insert(field, message);
    form->addRow(label, cell);
}

namespace {
const QString kSettingsGroup = QStringLiteral("train/form");
}

void HyperparameterForm::saveSettings() const {
    saveInputs(this, kSettingsGroup);
}

void HyperparameterForm::restoreSettings() {
    const int preset =
        preset_->findText(QSettings().value(kSettingsGroup + QStringLiteral("/preset")).toString());
    if (preset < 0)
        return;                       // nothing saved yet, or a preset this version no longer has
    preset_->setCurrentIndex(preset); // sets every field from the preset ...
    restoreInputs(this, kSettingsGroup); // ... then the user's own values
    updateEnabled();
}

QString HyperparameterForm::presetName() const {
    return preset_->currentText();
}

QString HyperparameterForm::fieldMessage(const QWidget* field) const {
    const QLabel* label = messages_.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

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
    warmStart_->setValue(c.implicit.warmStartEpochs);
    lrDecay_->setValue(c.implicit.learningRateDecay);
    biasL2_->setValue(c.implicit.biasL2);
    implicitBooks_->setCurrentIndex(
        static_cast<int>(option(CliCommand::Train, "implicit-books").get(c))); // its choices' order
    preset_->setToolTip(QString::fromStdString(preset.description));
    updateEnabled();
    clearMessages();
}

void HyperparameterForm::clearMessages() {
    for (QLabel* label : std::as_const(messages_))
        label->hide();
    generalMessage_->hide();
    lastError_.clear();
}

void HyperparameterForm::refuse(QWidget* field, const QString& message) {
    QLabel* label = field ? messages_.value(field) : generalMessage_;
    label->setText(message);
    label->show();
    if (lastError_.isEmpty())
        lastError_ = message;
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
