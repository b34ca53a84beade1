#include "DownloadDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

QString megabytes(qint64 bytes) {
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
}

} // namespace

DownloadDialog::DownloadDialog(QWidget* parent, const QString& destination)
    : QDialog(parent),
      destination_(destination.isEmpty() ? downloadedDatasetFolder() : destination),
      url_(new QLineEdit(downloadBaseUrl().toString())), where_(new QLabel(destination_)),
      progress_(new QProgressBar), status_(new QLabel), start_(new QPushButton(tr("Download"))),
      cancel_(new QPushButton(tr("Cancel"))) {
    setWindowTitle(tr("Download goodbooks-10k"));
    setMinimumWidth(560);
    auto* intro = new QLabel(
        tr("Fetches <tt>ratings.csv</tt> (about 6 million ratings), <tt>books.csv</tt>, "
           "<tt>to_read.csv</tt>, <tt>tags.csv</tt> and <tt>book_tags.csv</tt> (the readers' "
           "shelves, which give the books their genres) of goodbooks-10k, tens of MB. The files "
           "are checked before they replace anything; a failed or cancelled download leaves "
           "nothing behind."));
    intro->setWordWrap(true);
    url_->setToolTip(tr("Folder URL holding the five files (also set by the %1 environment "
                        "variable)")
                         .arg(QString::fromLatin1(kDownloadUrlVariable)));
    where_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where_->setWordWrap(true);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    auto* form = new QFormLayout;
    form->addRow(tr("From"), url_);
    form->addRow(tr("Into"), where_);
    auto* buttons = new QDialogButtonBox;
    buttons->addButton(start_, QDialogButtonBox::AcceptRole);
    buttons->addButton(cancel_, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    start_->setDefault(true);
    connect(start_, &QPushButton::clicked, this, &DownloadDialog::startDownload);
    connect(cancel_, &QPushButton::clicked, this, &DownloadDialog::reject);
    connect(&downloader_, &DatasetDownloader::progressed, this, &DownloadDialog::onProgress);
    connect(&downloader_, &DatasetDownloader::checking, this,
            [this] { status_->setText(tr("Checking the files...")); });
    connect(&downloader_, &DatasetDownloader::failed, this, &DownloadDialog::onFailed);
    connect(&downloader_, &DatasetDownloader::finished, this, [this](const QString& folder) {
        setBusy(false);
        progress_->setValue(progress_->maximum());
        status_->setText(tr("Done: %1").arg(folder));
        Q_EMIT datasetReady(folder);
        accept();
    });
}

void DownloadDialog::startDownload() {
    const QUrl url = QUrl::fromUserInput(url_->text().trimmed());
    if (!url.isValid() || url.scheme().isEmpty()) {
        status_->setText(tr("'%1' is not a URL.").arg(url_->text()));
        return;
    }
    if (qEnvironmentVariableIsEmpty(kDownloadUrlVariable))
        saveDownloadBaseUrl(url);
    DownloadRequest request;
    request.baseUrl = url;
    request.destination = destination_;
    setBusy(true);
    status_->setText(tr("Connecting to %1 ...").arg(url.host()));
    downloader_.start(request);
}

void DownloadDialog::setBusy(bool busy) {
    start_->setEnabled(!busy);
    url_->setEnabled(!busy);
    cancel_->setText(busy ? tr("Cancel") : tr("Close"));
}

void DownloadDialog::onProgress(const DownloadProgress& p) {
    if (p.total > 0)
        progress_->setValue(static_cast<int>(
            1000.0 * ((p.fileIndex - 1) + static_cast<double>(p.received) / p.total) /
            p.fileCount));
    const QString size = p.total > 0 ? tr("%1 of %2").arg(megabytes(p.received), megabytes(p.total))
                                     : megabytes(p.received);
    status_->setText(tr("%1 (file %2 of %3): %4, %5/s")
                         .arg(p.file)
                         .arg(p.fileIndex)
                         .arg(p.fileCount)
                         .arg(size, megabytes(static_cast<qint64>(p.bytesPerSecond))));
}

void DownloadDialog::onFailed(const QString& message) {
    setBusy(false);
    progress_->setValue(0);
    status_->setText(message);
}

void DownloadDialog::reject() {
    if (downloader_.isBusy()) {
        downloader_.cancel(); // the failed signal then reports the cancel; the dialog stays
        return;
    }
    QDialog::reject();
}

} // namespace shelfscope::ui
