#pragma once

#include "DatasetLoader.h"

#include <QMainWindow>

class QAction;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;

namespace shelfscope::ui {

class CompareView;
class DatasetSummaryView;
class DownloadDialog;
class MapPanel;
class ReadersPanel;
class RecentMenu;
class TrainPanel;
class Workspace;

/// Shelfscope's main window: opens a data set (or the demo library) and shows what it holds.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    /// Starts loading a data set folder in the background.
    void openFolder(const QString& folder);
    /// Starts generating the built-in demo library in the background.
    void openDemo(const DemoConfig& config = {});

    const DatasetSummaryView* summaryView() const { return summary_; }
    TrainPanel* trainPanel() const { return train_; }
    ReadersPanel* readersPanel() const { return readers_; }
    MapPanel* mapPanel() const { return map_; }
    CompareView* compareView() const { return compare_; }
    /// Reopens the data set of the last session (QSettings), or shows the welcome page.
    void openLastOrWelcome();
    bool showingWelcome() const;
    /// Shows the Data (0), Train (1), Readers (2), Map (3) or Compare (4) tab.
    void showTab(int index);
    enum Tab { DataTab, TrainTab, ReadersTab, MapTab, CompareTab };
    DatasetLoader* loader() { return &loader_; }
    Workspace* workspace() const { return workspace_; }
    /// View > Download book covers.
    QAction* coversAction() const { return coversAction_; }
    /// File > Open recent data folder / Open recent model.
    RecentMenu* recentFoldersMenu() const { return recentFolders_; }
    RecentMenu* recentModelsMenu() const { return recentModels_; }
    QMenu* helpMenu() const { return help_; }
    /// Opens the (non-blocking) download dialog; the downloaded data set opens when it is done.
    DownloadDialog* showDownloadDialog();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void chooseFolder();
    /// The window's size, tab and splitters as the user left them (QSettings).
    void saveLayout() const;
    void restoreLayout();
    void onLoaded(const LoadedDataset& loaded);
    void onFailed(const QString& message);

    DatasetLoader loader_;
    Workspace* workspace_;
    DatasetSummaryView* summary_;
    TrainPanel* train_;
    ReadersPanel* readers_;
    MapPanel* map_;
    CompareView* compare_;
    QTabWidget* tabs_;
    QStackedWidget* pages_;
    QProgressBar* progress_;
    QAction* coversAction_ = nullptr;
    RecentMenu* recentFolders_ = nullptr;
    RecentMenu* recentModels_ = nullptr;
    QMenu* help_ = nullptr;
    QString pendingSource_; ///< folder path, or "demo": remembered once it loads
};

} // namespace shelfscope::ui
