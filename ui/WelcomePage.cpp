#include "WelcomePage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace shelfscope::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
    auto* title = new QLabel(tr("<h1>Shelfscope</h1>"));
    auto* text = new QLabel(
        tr("<p align='center'>Train book recommenders, watch them learn, and see what they "
           "recommend.<br>Open a folder with <tt>ratings.csv</tt> (and optionally "
           "<tt>books.csv</tt> and <tt>to_read.csv</tt>),<br>such as goodbooks-10k, or start "
           "with a synthetic library.</p>"));
    auto* open = new QPushButton(tr("Open data folder..."));
    auto* demo = new QPushButton(tr("Use the demo library"));
    open->setObjectName(QStringLiteral("openFolderButton"));
    demo->setObjectName(QStringLiteral("demoButton"));
    for (QPushButton* button : {open, demo})
        button->setMinimumHeight(40);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(24);
    layout->addWidget(open, 0, Qt::AlignHCenter);
    layout->addWidget(demo, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    open->setMinimumWidth(280);
    demo->setMinimumWidth(280);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
}

} // namespace shelfscope::ui
