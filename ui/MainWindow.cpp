#include "MainWindow.h"

#include "CompareView.h"
#include "CoverCache.h"
#include "DatasetSummaryView.h"
#include "DownloadDialog.h"
#include "HelpMenu.h"
#include "HyperparameterForm.h"
#include "MapPanel.h"
#include "ReadersPanel.h"
#include "RecentMenu.h"
#include "RunsPanel.h"
#include "TrainPanel.h"
#include "WelcomePage.h"
#include "WidgetSettings.h"
#include "Workspace.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

namespace shelfscope::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), workspace_(new Workspace(this)), summary_(new DatasetSummaryView(this)),
      train_(new TrainPanel(workspace_, this)), readers_(new ReadersPanel(workspace_, this)),
      map_(new MapPanel(workspace_, this)), compare_(new CompareView(workspace_, this)),
      tabs_(new QTabWidget(this)), pages_(new QStackedWidget(this)),
      progress_(new QProgressBar(this)) {
    setWindowTitle(QStringLiteral("Shelfscope"));
    tabs_->addTab(summary_, tr("Data"));
    tabs_->addTab(train_, tr("Train"));
    tabs_->addTab(readers_, tr("Readers"));
    tabs_->addTab(map_, tr("Map"));
    tabs_->addTab(compare_, tr("Compare"));
    auto* welcome = new WelcomePage(this);
    pages_->addWidget(welcome);
    pages_->addWidget(tabs_);
    pages_->setCurrentWidget(tabs_);
    setCentralWidget(pages_);
    connect(readers_, &ReadersPanel::showOnMapRequested, this, [this] { showTab(MapTab); });
    connect(train_->runs(), &RunsPanel::compareRequested, this, [this] {
        showTab(CompareTab);
        compare_->compareChecked();
    });
    connect(welcome, &WelcomePage::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(welcome, &WelcomePage::demoRequested, this, [this] { openDemo(); });
    connect(welcome, &WelcomePage::downloadRequested, this, &MainWindow::showDownloadDialog);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(240);
    progress_->hide();
    statusBar()->addPermanentWidget(progress_);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open data folder..."), QKeySequence::Open, this,
                    &MainWindow::chooseFolder);
    recentFolders_ =
        new RecentMenu(tr("Open &recent data folder"), RecentFiles::dataFolders(), this);
    connect(recentFolders_, &RecentMenu::chosen, this, &MainWindow::openFolder);
    file->addMenu(recentFolders_);
    file->addAction(tr("&Load model..."), this, [this] {
        showTab(TrainTab);
        train_->askForModelFile();
    });
    recentModels_ = new RecentMenu(tr("Open recent &model"), RecentFiles::models(), this);
    connect(recentModels_, &RecentMenu::chosen, this, [this](const QString& path) {
        showTab(TrainTab); // where the outcome, or why there is none, shows
        train_->loadModelFile(path);
    });
    file->addMenu(recentModels_);
    connect(train_->fileJobs(), &ModelFileJobs::loaded, this, [](const TrainingRun& run) {
        RecentFiles::models().add(QString::fromStdString(run.loadedFrom));
    });
    connect(train_->fileJobs(), &ModelFileJobs::saved, this,
            [](int, const QString& path) { RecentFiles::models().add(path); });
    file->addSeparator();
    file->addAction(tr("Do&wnload goodbooks-10k..."), this, &MainWindow::showDownloadDialog);
    file->addAction(tr("Use the &demo library"), this, [this] { openDemo(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    // books.csv names a cover image on Goodreads' servers for each book; some users would
    // rather the app made no requests at all.
    QAction* covers = view->addAction(tr("Download book &covers"));
    covers->setCheckable(true);
    covers->setChecked(!map_->covers()->isOffline());
    covers->setToolTip(tr("Fetch each book's cover from its image_url when it is selected "
                          "(kept in a cache); off: no network requests, placeholders only"));
    if (qEnvironmentVariableIntValue(kCoversOfflineVariable) != 0) {
        covers->setEnabled(false); // forced off (the test suite does so)
        covers->setToolTip(tr("Off: %1 is set").arg(QString::fromLatin1(kCoversOfflineVariable)));
    }
    connect(covers, &QAction::toggled, this, [this](bool download) {
        saveCoversOfflineSetting(!download);
        map_->covers()->setOffline(!download);
    });
    coversAction_ = covers;
    help_ = addHelpMenu(this);

    connect(&loader_, &DatasetLoader::progressed, this,
            [this](const QString& stage, double fraction) {
                statusBar()->showMessage(stage);
                progress_->setValue(static_cast<int>(fraction * 1000));
            });
    connect(&loader_, &DatasetLoader::loaded, this, &MainWindow::onLoaded);
    connect(&loader_, &DatasetLoader::failed, this, &MainWindow::onFailed);
    summary_->showMessage(tr("Open a data folder (File > Open) or use the demo library."));
    restoreLayout();
}

namespace {
const QString kLayoutGroup = QStringLiteral("window");
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(kLayoutGroup + QStringLiteral("/geometry"), saveGeometry());
    settings.setValue(kLayoutGroup + QStringLiteral("/tab"), tabs_->currentIndex());
    saveSplitters(this, kLayoutGroup);
    train_->form()->saveSettings();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (const QVariant geometry = settings.value(kLayoutGroup + QStringLiteral("/geometry"));
        geometry.isValid())
        restoreGeometry(geometry.toByteArray());
    tabs_->setCurrentIndex(settings.value(kLayoutGroup + QStringLiteral("/tab"), 0).toInt());
    restoreSplitters(this, kLayoutGroup);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::chooseFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open data folder"));
    if (!folder.isEmpty())
        openFolder(folder);
}

namespace {
const QString kLastDatasetKey = QStringLiteral("lastDataset");
const QString kDemoSource = QStringLiteral("demo");
} // namespace

void MainWindow::openLastOrWelcome() {
    const QString last = QSettings().value(kLastDatasetKey).toString();
    if (last == kDemoSource)
        openDemo();
    else if (!last.isEmpty() && QFileInfo(last).isDir())
        openFolder(last);
    else
        pages_->setCurrentIndex(0);
}

bool MainWindow::showingWelcome() const {
    return pages_->currentIndex() == 0;
}

void MainWindow::openFolder(const QString& folder) {
    pendingSource_ = QFileInfo(folder).absoluteFilePath();
    pages_->setCurrentWidget(tabs_);
    summary_->showMessage(tr("Loading %1 ...").arg(folder));
    progress_->setValue(0);
    progress_->show();
    loader_.loadFolder(folder);
}

void MainWindow::openDemo(const DemoConfig& config) {
    pendingSource_ = kDemoSource;
    pages_->setCurrentWidget(tabs_);
    summary_->showMessage(tr("Generating the demo library ..."));
    progress_->setValue(0);
    progress_->show();
    loader_.loadDemo(config);
}

void MainWindow::onLoaded(const LoadedDataset& loaded) {
    progress_->hide();
    statusBar()->showMessage(tr("Loaded %1").arg(QString::fromStdString(loaded.dataset->name)),
                             5000);
    setWindowTitle(
        QStringLiteral("Shelfscope - %1").arg(QString::fromStdString(loaded.dataset->name)));
    summary_->showDataset(loaded);
    workspace_->setDataset(loaded);
    QSettings().setValue(kLastDatasetKey, pendingSource_);
    if (pendingSource_ != kDemoSource)
        RecentFiles::dataFolders().add(pendingSource_);
}

DownloadDialog* MainWindow::showDownloadDialog() {
    auto* dialog = new DownloadDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DownloadDialog::datasetReady, this, &MainWindow::openFolder);
    dialog->open(); // window-modal, no nested event loop
    return dialog;
}

void MainWindow::showTab(int index) {
    tabs_->setCurrentIndex(index);
}

void MainWindow::onFailed(const QString& message) {
    progress_->hide();
    statusBar()->clearMessage();
    summary_->showMessage(tr("Could not load the data set: %1").arg(message));
    // Window-modal and non-blocking: the app stays usable and no nested event loop runs.
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Could not load the data set"), message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace shelfscope::ui
