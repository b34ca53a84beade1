#pragma once

#include "DatasetLoader.h"
#include "TrainingController.h"
#include "recommend/Recommender.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace shelfscope::ui {

struct PreparedRun;
class Workspace;

/// Recommendations of the active model for a reader of the open data set: top books by title,
/// author and year, with the predicted rating (or ranking score), the average rating, whether
/// the book is already on the reader's to-read list, and the liked book that explains it.
class RecommendPanel : public QWidget {
    Q_OBJECT
public:
    explicit RecommendPanel(Workspace* workspace, QWidget* parent = nullptr);

    /// Recommends for the reader in the id box; false (with a message) when it cannot.
    bool recommend();

    QLineEdit* readerEdit() const { return reader_; }
    QPushButton* recommendButton() const { return recommend_; }
    QTableWidget* table() const { return table_; }
    QLabel* messageLabel() const { return message_; }
    /// Whether the active run's recommender is still being prepared.
    bool isPreparing() const;

Q_SIGNALS:
    /// The active model is ready to recommend with.
    void ready();

private:
    /// Takes up the workspace's active run: ready at once if prepared, else when it is.
    void onActiveRunChanged();
    void showPrepared(std::shared_ptr<const PreparedRun> prepared);
    bool refuse(const QString& text);

    Workspace* workspace_;
    std::shared_ptr<const PreparedRun> prepared_; ///< of the active run, once ready
    QLabel* model_;
    QLineEdit* reader_;
    QSpinBox* top_;
    QCheckBox* excludeToRead_;
    QPushButton* recommend_;
    QLabel* message_;
    QTableWidget* table_;
};

} // namespace shelfscope::ui
