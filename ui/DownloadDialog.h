#pragma once

#include "DatasetDownloader.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace shelfscope::ui {

/// Downloads goodbooks-10k into the app's data folder: the source URL (editable, remembered),
/// progress in bytes and speed, Cancel. Emits datasetReady once the checked files are in place.
class DownloadDialog : public QDialog {
    Q_OBJECT
public:
    explicit DownloadDialog(QWidget* parent = nullptr, const QString& destination = {});

    void startDownload();
    DatasetDownloader* downloader() { return &downloader_; }
    QLineEdit* urlEdit() const { return url_; }
    QLabel* statusLabel() const { return status_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }

Q_SIGNALS:
    void datasetReady(const QString& folder);

protected:
    void reject() override;

private:
    void onProgress(const DownloadProgress& progress);
    void onFailed(const QString& message);
    void setBusy(bool busy);

    DatasetDownloader downloader_;
    QString destination_;
    QLineEdit* url_;
    QLabel* where_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton* start_;
    QPushButton* cancel_;
};

} // namespace shelfscope::ui
