#pragma once

#include <QWidget>
#include <cstdint>
#include <random>

class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;
class QTableView;

namespace shelfscope::ui {

class ReadersModel;
class ReadersSortModel;
class Workspace;

/// Chooses the reader the Readers tab shows: by id (validated, completed over the data set's
/// readers), from a sortable list of every reader (id, books rated, to-read, mean stars), at
/// random, or a new reader of one's own. The choice goes to the workspace, and the picker shows
/// whatever reader the workspace holds.
class ReaderPicker : public QWidget {
    Q_OBJECT
public:
    explicit ReaderPicker(Workspace* workspace, QWidget* parent = nullptr);

    /// Selects the reader whose id is `text`; false, with the reason shown, when it is no id or
    /// the data set has no such reader.
    bool chooseText(const QString& text);
    /// Selects a reader of the data set at random (uniformly over readers); their id, or 0 with
    /// no data set open.
    std::int32_t pickRandom();
    /// Seeds the random choice (it is seeded from the clock otherwise), for repeatable picks.
    void setRandomSeed(std::uint64_t seed) { random_.seed(seed); }

    QLineEdit* idEdit() const { return id_; }
    QPushButton* showButton() const { return show_; }
    QPushButton* randomButton() const { return randomButton_; }
    QPushButton* newReaderButton() const { return newReader_; }
    QLabel* messageLabel() const { return message_; }
    QTableView* list() const { return list_; }
    ReadersModel* model() const { return model_; }
    ReadersSortModel* sortModel() const { return sort_; }

Q_SIGNALS:
    /// The user asked for a new reader of their own.
    void newReaderRequested();

private:
    void onDatasetChanged();
    void onReaderChanged();
    void showError(const QString& text);

    Workspace* workspace_;
    ReadersModel* model_;
    ReadersSortModel* sort_;
    QStringListModel* ids_; ///< completion: every reader id as text, sorted as text
    QLineEdit* id_;
    QPushButton* show_;
    QPushButton* randomButton_;
    QPushButton* newReader_;
    QLabel* message_;
    QTableView* list_;
    std::mt19937_64 random_;
};

} // namespace shelfscope::ui
