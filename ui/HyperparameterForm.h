#pragma once

#include "train/Experiment.h"

#include <QHash>
#include <QMap>
#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace shelfscope::ui {

/// Every option of the training engine as a form: a preset to start from, the model, the
/// optimiser, and the split and evaluation. Values out of range cannot be typed; settings that
/// are wrong together are refused with a message next to the field at fault. Fields the preset's
/// trainer does not read are disabled, their tooltips saying why; the shared fields (epochs,
/// learning rate, L2, seed) fill the settings of the trainer that runs (BPR's for ranking-dot,
/// implicit ALS's for ials, the implicit epochs' for tuned-implicit).
class HyperparameterForm : public QWidget {
    Q_OBJECT
public:
    explicit HyperparameterForm(QWidget* parent = nullptr);

    /// The configuration the form describes, or nullopt after showing why next to the field.
    std::optional<ExperimentConfig> config();
    QString presetName() const;
    /// The first message shown by the last config(), or empty.
    QString lastError() const { return lastError_; }
    /// The message shown next to a field (empty when it is fine), for tests.
    QString fieldMessage(const QWidget* field) const;
    /// Remembers every field (QSettings), and brings them back: the preset first, then the
    /// fields the user changed from it.
    void saveSettings() const;
    void restoreSettings();

    QComboBox* presetBox() const { return preset_; }
    QComboBox* kindBox() const { return kind_; }
    QLineEdit* hiddenEdit() const { return hidden_; }
    QDoubleSpinBox* beta1Box() const { return beta1_; }
    QDoubleSpinBox* beta2Box() const { return beta2_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QDoubleSpinBox* alphaBox() const { return alpha_; }
    QDoubleSpinBox* toReadWeightBox() const { return toReadWeight_; }
    QSpinBox* earlyStopBox() const { return earlyStop_; }
    QDoubleSpinBox* validationBox() const { return validation_; }

private:
    void applyPreset(int index);
    void updateEnabled();
    /// Enables the field when whyNot is empty, and shows its own tooltip with whyNot (or, when
    /// it is used, the note) added.
    void setFieldUse(QWidget* field, const QString& whyNot, const QString& note = {});
    bool implicitAls() const { return presetBase_.objective == TrainObjective::ImplicitAls; }
    /// BPR on a model with embeddings (ranking-dot), not an item-item preset, which ranks too.
    bool bprRanking() const {
        return presetBase_.objective == TrainObjective::Ranking &&
               hasEmbeddingTables(presetBase_.model.kind);
    }
    void addField(QFormLayout* form, const QString& label, QWidget* field);
    void refuse(QWidget* field, const QString& message);
    void clearMessages();

    QComboBox* preset_;
    QComboBox* kind_;
    QSpinBox* dim_;
    QCheckBox* biases_;
    QLineEdit* hidden_;
    QCheckBox* productFeatures_;
    QCheckBox* dotTerm_;
    QDoubleSpinBox* kernelL2_;
    QDoubleSpinBox* initScale_;
    QDoubleSpinBox* lambda_; ///< EASE
    QSpinBox* neighbours_;   ///< item-kNN
    QDoubleSpinBox* shrink_; ///< item-kNN
    QSpinBox* epochs_;
    QSpinBox* batch_;
    QComboBox* optimizer_;
    QDoubleSpinBox* learningRate_;
    QDoubleSpinBox* beta1_;
    QDoubleSpinBox* beta2_;
    QDoubleSpinBox* epsilon_;
    QDoubleSpinBox* l2_;
    QSpinBox* seed_;
    QSpinBox* threads_;
    QComboBox* split_;
    QDoubleSpinBox* testFraction_;
    QSpinBox* splitSeed_;
    QDoubleSpinBox* validation_;
    QSpinBox* earlyStop_;
    QCheckBox* clip_;
    QCheckBox* dropRepeats_;
    QComboBox* indexing_;
    // Implicit ALS (the ials preset): its epochs are iterations, its L2 lambda.
    QDoubleSpinBox* alpha_;
    QDoubleSpinBox* minRating_;
    QDoubleSpinBox* toReadWeight_;
    QSpinBox* cgSteps_;
    // Implicit-feedback MF (tuned-implicit) only; made in the constructor's body.
    QSpinBox* warmStart_ = nullptr;
    QDoubleSpinBox* lrDecay_ = nullptr;
    QDoubleSpinBox* biasL2_ = nullptr;
    QComboBox* implicitBooks_ = nullptr;
    QLabel* bprNote_ = nullptr; ///< on the Training page, for ranking-dot only
    QLabel* generalMessage_;
    QMap<const QWidget*, QLabel*> messages_;
    QHash<const QWidget*, QString> baseTips_; ///< each field's tooltip without notes
    ExperimentConfig presetBase_;
    QString lastError_;
};

} // namespace shelfscope::ui
