#pragma once

#include <QWidget>

class QSplitter;
class QStackedWidget;

namespace shelfscope::ui {

class NewReaderEditor;
class ReaderPicker;
class RecommendationsPane;
class ShelfView;
class Workspace;

/// The Readers tab: pick a reader of the data set (or be a new one), see their shelf (or edit
/// your own), and their recommendations from one run or two side by side. The reader goes to
/// the workspace, so the map lights up their books. The controls and a new reader's shelf are
/// remembered across restarts (QSettings, group "readers", saved as they change); the
/// splitters are named, so the main window saves them with its layout.
class ReadersPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReadersPanel(Workspace* workspace, QWidget* parent = nullptr);
    ~ReadersPanel() override;

    ReaderPicker* picker() const { return picker_; }
    ShelfView* shelfView() const { return shelf_; }
    NewReaderEditor* newReaderEditor() const { return editor_; }
    RecommendationsPane* recommendations() const { return pane_; }
    QSplitter* mainSplitter() const { return main_; }
    QSplitter* rightSplitter() const { return right_; }
    /// Whether the shelf area shows the new reader's editor (rather than a reader's shelf).
    bool showingEditor() const;

    /// Saves the controls and the new reader's shelf now (they are saved as they change, and
    /// when the panel goes).
    void saveSettings() const;

Q_SIGNALS:
    /// "Show on map" was pressed: the main window brings the map forward.
    void showOnMapRequested();
    /// Every list shown has its answer (the automation waits for it before a screenshot).
    void recommendationsSettled();

private:
    void restoreSettings();
    void onReaderChanged();

    Workspace* workspace_;
    ReaderPicker* picker_;
    ShelfView* shelf_;
    NewReaderEditor* editor_;
    RecommendationsPane* pane_;
    QStackedWidget* stack_;
    QSplitter* main_;
    QSplitter* right_;
    bool restoring_ = false;
};

} // namespace shelfscope::ui
