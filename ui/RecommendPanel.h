#pragma once

#include "DatasetLoader.h"
#include "TrainingController.h"
#include "recommend/Recommender.h"

#include <QFutureWatcher>
#include <QWidget>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace shelfscope::ui {

/// Recommendations of the active model for a reader of the open data set: top books by title,
/// author and year, with the predicted rating (or ranking score), the average rating, whether
/// the book is already on the reader's to-read list, and the liked book that explains it.
class RecommendPanel : public QWidget {
    Q_OBJECT
public:
    explicit RecommendPanel(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    /// The model to recommend with (nullptr: none); prepared on a worker thread.
    void setRun(const TrainingRun* run);
    /// Recommends for the reader in the id box; false (with a message) when it cannot.
    bool recommend();

    QLineEdit* readerEdit() const { return reader_; }
    QPushButton* recommendButton() const { return recommend_; }
    QTableWidget* table() const { return table_; }
    QLabel* messageLabel() const { return message_; }
    bool isPreparing() const { return watcher_.isRunning(); }

Q_SIGNALS:
    /// The active model is ready to recommend with.
    void ready();

private:
    /// A recommender with everything it refers to kept alive.
    struct Prepared {
        int generation = 0; ///< which setRun() asked for it
        std::shared_ptr<const Dataset> dataset;
        std::shared_ptr<const Model> model;
        ModelMetadata metadata;
        std::unique_ptr<Recommender> recommender;
        bool ranking = false;
        QString description;
    };

    std::shared_ptr<const Dataset> dataset_;
    std::shared_ptr<Prepared> prepared_;
    int generation_ = 0; ///< of the latest setRun(): older preparations are dropped
    QFutureWatcher<std::shared_ptr<Prepared>> watcher_;
    QLabel* model_;
    QLineEdit* reader_;
    QSpinBox* top_;
    QCheckBox* excludeToRead_;
    QPushButton* recommend_;
    QLabel* message_;
    QTableWidget* table_;
};

} // namespace shelfscope::ui
