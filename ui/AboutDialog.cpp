#include "AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace shelfscope::ui {

QString aboutText() {
    return QStringLiteral(
               "<h2>Shelfscope %1</h2>"
               "<p>Explore book recommendations: train, watch, map and recommend.</p>"
               "<p>Copyright &copy; 2026 The Shelfscope authors.<br>"
               "Released under the MIT licence.</p>"
               "<p><b>Data:</b> goodbooks-10k by Zygmunt Zając<br>"
               "<a href=\"https://github.com/zygmuntz/goodbooks-10k\">"
               "https://github.com/zygmuntz/goodbooks-10k</a><br>"
               "Licensed under "
               "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a>. "
               "The app downloads it on request; it is not part of Shelfscope.</p>"
               "<p>Qt %2, Eigen, zlib.</p>")
        .arg(QStringLiteral(SHELFSCOPE_VERSION), QString::fromLatin1(qVersion()));
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Shelfscope"));
    auto* icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto* text = new QLabel(aboutText(), this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setOpenExternalLinks(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setMinimumWidth(380);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

} // namespace shelfscope::ui
