#include "NewReaderEditor.h"

#include "BookSearchBox.h"
#include "BookTable.h"
#include "BookText.h"
#include "FileDialogs.h"
#include "Workspace.h"
#include "data/Dataset.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

NewReaderEditor::NewReaderEditor(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), search_(new BookSearchBox), table_(new QTableWidget),
      open_(new QPushButton(tr("Open shelf..."))), save_(new QPushButton(tr("Save shelf..."))),
      clear_(new QPushButton(tr("Clear"))), message_(new QLabel) {
    search_->setPlaceholderText(tr("Add a book: search a title or an author"));
    search_->setToolTip(tr("Books the active model knows; pick one to add it to the shelf"));
    setUpBookTable(table_,
                   {tr("Title"), tr("Authors"), tr("Year"), tr("Genre"), tr("Stars"), QString()});
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(AuthorsColumn, QHeaderView::Interactive);
    header->resizeSection(AuthorsColumn, 170);
    header->setSectionsClickable(false); // the shelf keeps the order the books were added in
    header->setSortIndicatorShown(false);
    table_->setToolTip(tr("Your ratings: change the stars, or remove a book"));
    linkToWorkspace(table_, workspace_);
    open_->setToolTip(tr("Read a shelf saved earlier (CSV: book_id,rating)"));
    save_->setToolTip(tr("Save this shelf as CSV (book_id,rating)"));
    message_->setWordWrap(true);
    message_->setObjectName(QStringLiteral("shelfMessage"));

    auto* top = new QHBoxLayout;
    top->addWidget(search_, 1);
    top->addWidget(open_);
    top->addWidget(save_);
    top->addWidget(clear_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(table_, 1);
    layout->addWidget(message_);

    connect(search_, &BookSearchBox::bookChosen, this, [this](std::int32_t id) {
        rateBook(id, static_cast<float>(defaultStars()));
        search_->clear();
    });
    connect(clear_, &QPushButton::clicked, this, &NewReaderEditor::clearShelf);
    connect(open_, &QPushButton::clicked, this, [this] {
        askForPath(this, tr("Open a shelf"), tr("Shelf (*.csv);;All files (*)"), QString(),
                   QFileDialog::AcceptOpen, [this](const QString& path) { openShelf(path); });
    });
    connect(save_, &QPushButton::clicked, this, [this] {
        askForPath(this, tr("Save the shelf"), tr("Shelf (*.csv)"), QStringLiteral("csv"),
                   QFileDialog::AcceptSave, [this](const QString& path) { saveShelf(path); });
    });
    connect(workspace_, &Workspace::datasetChanged, this, &NewReaderEditor::onDatasetChanged);
    onDatasetChanged();
}

int NewReaderEditor::defaultStars() const {
    return dataset_ ? static_cast<int>(std::floor(dataset_->ratings.scale.max)) : 5;
}

int NewReaderEditor::minStars() const {
    return dataset_ ? std::max(1, static_cast<int>(std::ceil(dataset_->ratings.scale.min))) : 1;
}

void NewReaderEditor::setBookFilter(std::function<bool(std::int32_t)> accept) {
    search_->setFilter(std::move(accept));
}

void NewReaderEditor::onDatasetChanged() {
    dataset_ = workspace_->dataset();
    search_->setDataset(dataset_);
    for (QWidget* w : {static_cast<QWidget*>(open_), static_cast<QWidget*>(clear_)})
        w->setEnabled(dataset_ != nullptr);
    // The shelf stays as it is (it may be the one remembered from the last session); books
    // the model does not know are left out of the fold-in, and the list says how many.
    rebuildTable();
}

void NewReaderEditor::setShelf(const RatedBooks& shelf) {
    RatedBooks kept;
    std::size_t dropped = 0;
    for (const auto& [bookId, stars] : shelf) {
        const bool known = dataset_ && dataset_->ratings.books.indexOf(bookId).has_value();
        const bool repeated = std::any_of(kept.begin(), kept.end(),
                                          [id = bookId](const auto& e) { return e.first == id; });
        if (dataset_ && (!known || repeated)) {
            ++dropped;
            continue;
        }
        kept.emplace_back(bookId, stars);
    }
    shelf_ = std::move(kept);
    rebuildTable();
    changed(dropped == 0
                ? QString()
                : tr("%n book(s) of that shelf are not in this data set and were left out.",
                     nullptr, static_cast<int>(dropped)));
}

void NewReaderEditor::rateBook(std::int32_t bookId, float stars) {
    const auto found = std::find_if(shelf_.begin(), shelf_.end(),
                                    [bookId](const auto& e) { return e.first == bookId; });
    if (found != shelf_.end()) {
        if (found->second == stars)
            return;
        found->second = stars;
        // The row stays: its stars box may be the very sender of this change.
        if (QSpinBox* box = starsBox(static_cast<int>(found - shelf_.begin()));
            box != nullptr && box->value() != static_cast<int>(stars)) {
            const QSignalBlocker blocker(box);
            box->setValue(static_cast<int>(stars));
        }
    } else {
        shelf_.emplace_back(bookId, stars);
        rebuildTable();
    }
    changed();
}

void NewReaderEditor::removeBook(std::int32_t bookId) {
    const auto before = shelf_.size();
    std::erase_if(shelf_, [bookId](const auto& e) { return e.first == bookId; });
    if (shelf_.size() == before)
        return;
    rebuildTable();
    changed();
}

void NewReaderEditor::clearShelf() {
    if (shelf_.empty())
        return;
    shelf_.clear();
    rebuildTable();
    changed();
}

QSpinBox* NewReaderEditor::starsBox(int row) const {
    return qobject_cast<QSpinBox*>(table_->cellWidget(row, StarsColumn));
}

void NewReaderEditor::rebuildTable() {
    QList<QList<QTableWidgetItem*>> rows;
    for (const auto& entry : shelf_) {
        QList<QTableWidgetItem*> cells =
            dataset_ ? bookCells(dataset_->books, entry.first)
                     : QList<QTableWidgetItem*>{
                           new SortableItem(QStringLiteral("Book #%1").arg(entry.first))};
        cells.front()->setData(kBookIdRole, entry.first);
        rows.append(cells);
    }
    fillBookTable(table_, rows);
    table_->setColumnHidden(GenreColumn, !dataset_ || !hasGenres(dataset_->books));
    for (int row = 0; row < table_->rowCount(); ++row) {
        const auto [bookId, stars] = shelf_[static_cast<std::size_t>(row)];
        auto* box = new QSpinBox;
        box->setRange(minStars(), defaultStars());
        box->setValue(static_cast<int>(stars));
        box->setSuffix(QStringLiteral(" \u2605"));
        box->setToolTip(tr("Your stars for this book"));
        box->setFrame(false);
        connect(box, &QSpinBox::valueChanged, this,
                [this, id = bookId](int value) { rateBook(id, static_cast<float>(value)); });
        table_->setCellWidget(row, StarsColumn, box);
        auto* remove = new QToolButton;
        remove->setText(tr("Remove"));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Take this book off the shelf"));
        // Queued: removing the row deletes the button, which must not happen inside its click.
        connect(
            remove, &QToolButton::clicked, this, [this, id = bookId] { removeBook(id); },
            Qt::QueuedConnection);
        table_->setCellWidget(row, RemoveColumn, remove);
    }
    save_->setEnabled(!shelf_.empty());
    clear_->setEnabled(dataset_ && !shelf_.empty());
    showBookSelected(table_, workspace_->currentBook());
}

void NewReaderEditor::changed(const QString& note) {
    QString text = shelf_.empty()
                       ? tr("Add a few books you have read and give them stars: the "
                            "recommendations follow as you rate.")
                       : tr("%1 rated.").arg(booksText(static_cast<long long>(shelf_.size())));
    if (!note.isEmpty())
        text += QLatin1Char(' ') + note;
    showMessage(text, false);
    Q_EMIT shelfChanged();
}

void NewReaderEditor::showMessage(const QString& text, bool error) {
    message_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
    message_->setText(text);
}

bool NewReaderEditor::openShelf(const QString& path) {
    if (!dataset_)
        return false;
    ShelfFileReadConfig config;
    config.path = path.toStdString();
    config.scale = dataset_->ratings.scale;
    config.books = &dataset_->ratings.books;
    config.datasetName = dataset_->name;
    try {
        setShelf(readShelfFile(config).ratings);
    } catch (const std::exception& error) { // a DataError naming file, line and problem
        showMessage(tr("Could not open the shelf: %1").arg(QString::fromStdString(error.what())),
                    true);
        return false;
    }
    return true;
}

bool NewReaderEditor::saveShelf(const QString& path) {
    try {
        writeShelfFile(path.toStdString(), shelf_);
    } catch (const std::exception& error) {
        showMessage(tr("Could not save the shelf: %1").arg(QString::fromStdString(error.what())),
                    true);
        return false;
    }
    showMessage(tr("Saved %1 to %2.").arg(booksText(static_cast<long long>(shelf_.size())), path),
                false);
    return true;
}

} // namespace shelfscope::ui
