#include "FileDialogs.h"

#include <QMessageBox>

namespace shelfscope::ui {

void askForPath(QWidget* parent, const QString& title, const QString& filter, const QString& suffix,
                QFileDialog::AcceptMode mode, std::function<void(const QString&)> then) {
    auto* dialog = new QFileDialog(parent, title, QString(), filter);
    dialog->setAcceptMode(mode);
    dialog->setDefaultSuffix(suffix);
    dialog->setFileMode(mode == QFileDialog::AcceptSave ? QFileDialog::AnyFile
                                                        : QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QFileDialog::fileSelected, parent, std::move(then));
    dialog->open();
}

void showError(QWidget* parent, const QString& title, const QString& message) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace shelfscope::ui
