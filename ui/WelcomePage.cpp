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
           "<tt>books.csv</tt>, <tt>to_read.csv</tt>,<br><tt>tags.csv</tt> and "
           "<tt>book_tags.csv</tt> for genres), such as goodbooks-10k,<br>or start "
           "with a synthetic library.</p>"));
    auto* open = new QPushButton(tr("Open data folder..."));
    auto* download = new QPushButton(tr("Download goodbooks-10k..."));
    auto* demo = new QPushButton(tr("Use the demo library"));
    open->setObjectName(QStringLiteral("openFolderButton"));
    download->setObjectName(QStringLiteral("downloadButton"));
    demo->setObjectName(QStringLiteral("demoButton"));
    open->setToolTip(tr("A folder holding ratings.csv (or ratings.csv.gz), and optionally "
                        "books.csv, to_read.csv, tags.csv and book_tags.csv (each may be .gz)"));
    download->setToolTip(tr("About 6 million ratings of 10,000 books from the data set's "
                            "public repository, tens of MB"));
    demo->setToolTip(tr("A synthetic library generated on the spot: no files needed"));
    for (QPushButton* button : {open, download, demo}) {
        button->setMinimumHeight(40);
        button->setMinimumWidth(280);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(24);
    layout->addWidget(open, 0, Qt::AlignHCenter);
    layout->addWidget(download, 0, Qt::AlignHCenter);
    layout->addWidget(demo, 0, Qt::AlignHCenter);
    layout->addStretch();
    connect(open, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    connect(download, &QPushButton::clicked, this, &WelcomePage::downloadRequested);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
}

} // namespace shelfscope::ui
