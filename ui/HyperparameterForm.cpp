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
    // Every preset: the rating models, and those that rank books (ranking-dot by BPR, ials,
    // the item-item models), each charting what its trainer reports.
    for (const Preset& preset : presets())
        preset_->addItem(QString::fromStdString(preset.name));
    // In ModelKind's order.
    kind_->addItems(
        {tr("dot product"), tr("neural"), tr("EASE (item-item)"), tr("item-kNN (item-item)")});
    kind_->setToolTip(tr("Dot product of the embeddings, a neural network on them, or an "
                         "item-item model without embeddings that ranks books: EASE (closed "
                         "form) or item-kNN (cosine with shrinkage)"));
    optimizer_->addItems({QStringLiteral("Adam"), QStringLiteral("SGD")});
    optimizer_->setToolTip(tr("Adam (as Keras applies it) or plain SGD"));
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
    // One line: a wrapped label would need more height than the pages' stack gives it.
    bprNote_ = new QLabel(tr("BPR's own: epochs, rate, L2, seed (plain SGD)"));
    bprNote_->setToolTip(tr("ranking-dot trains by BPR: one plain SGD step per training pair "
                            "against a sampled book the reader has not rated, with its own "
                            "epochs, learning rate, L2 and seed; the fields it does not read "
                            "are off"));
    optimizerForm->addRow(bprNote_);
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

} // namespace shelfscope::ui
