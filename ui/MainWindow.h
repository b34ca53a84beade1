#pragma once

#include "DatasetLoader.h"

#include <QMainWindow>

class QProgressBar;

namespace shelfscope::ui {

class DatasetSummaryView;

/// Shelfscope's main window: opens a data set (or the demo library) and shows what it holds.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    /// Starts loading a data set folder in the background.
    void openFolder(const QString& folder);
    /// Starts generating the built-in demo library in the background.
    void openDemo();

    const DatasetSummaryView* summaryView() const { return summary_; }
    DatasetLoader* loader() { return &loader_; }

private:
    void chooseFolder();
    void onLoaded(const LoadedDataset& loaded);
    void onFailed(const QString& message);

    DatasetLoader loader_;
    DatasetSummaryView* summary_;
    QProgressBar* progress_;
    LoadedDataset current_;
};

} // namespace shelfscope::ui
