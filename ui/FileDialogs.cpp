#include "FileDialogs.h"

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

} // namespace shelfscope::ui
