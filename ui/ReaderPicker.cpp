#include "ReaderPicker.h"

#include "BookTable.h"
#include "ReadersModel.h"
#include "Workspace.h"
#include "recommend/ReaderShelves.h"

#include <QCompleter>
#include <QGridLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>
#include <limits>

namespace shelfscope::ui {

ReaderPicker::ReaderPicker(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), model_(new ReadersModel(this)),
      sort_(new ReadersSortModel(model_, this)), ids_(new QStringListModel(this)),
      id_(new QLineEdit), show_(new QPushButton(tr("Show"))),
      randomButton_(new QPushButton(tr("Random reader"))),
      newReader_(new QPushButton(tr("New reader..."))), message_(new QLabel), list_(new QTableView),
      random_(
          static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())) {
    id_->setValidator(new QIntValidator(1, INT32_MAX, id_));
    id_->setPlaceholderText(tr("user_id"));
    id_->setToolTip(tr("A reader's id in ratings.csv; Enter shows their shelf"));
    auto* completer = new QCompleter(ids_, id_);
    // Sorted as text, the ids complete by binary search rather than a scan of 53,424 strings.
    completer->setModelSorting(QCompleter::CaseSensitivelySortedModel);
    completer->setMaxVisibleItems(12);
    id_->setCompleter(completer);
    randomButton_->setToolTip(tr("Show a reader of the data set chosen at random"));
    newReader_->setToolTip(
        tr("Rate a few books yourself and get recommendations for them (no retraining)"));
    message_->setWordWrap(true);
    message_->setObjectName(QStringLiteral("readerMessage"));

    list_->setModel(sort_);
    list_->setSortingEnabled(true);
    list_->sortByColumn(ReadersModel::ReaderColumn, Qt::AscendingOrder);
    list_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->verticalHeader()->hide();
    compactRows(list_);
    // Widths from the headers, never ResizeToContents: measuring 53,424 rows would stall
    // every reset. Room is left for the sort arrow.
    QHeaderView* header = list_->horizontalHeader();
    int columnsWidth = 0;
    for (int column = 0; column < ReadersModel::ColumnCount; ++column) {
        const QString title = model_->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, header->fontMetrics().horizontalAdvance(title) + 26);
        columnsWidth += header->sectionSize(column);
    }
    header->setStretchLastSection(true);
    // As wide as its columns, so no column is cut and no horizontal scroll bar appears.
    list_->setMinimumWidth(columnsWidth + list_->verticalScrollBar()->sizeHint().width() +
                           2 * list_->frameWidth());
    list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list_->setToolTip(tr("Every reader of the data set; click a header to sort, a row to show "
                         "the reader"));

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Reader")), 0, 0);
    grid->addWidget(id_, 0, 1);
    grid->addWidget(show_, 0, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(randomButton_);
    buttons->addWidget(newReader_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(grid);
    layout->addLayout(buttons);
    layout->addWidget(message_);
    layout->addWidget(list_, 1);

    connect(show_, &QPushButton::clicked, this, [this] { chooseText(id_->text()); });
    connect(id_, &QLineEdit::returnPressed, this, [this] { chooseText(id_->text()); });
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& text) { chooseText(text); });
    connect(randomButton_, &QPushButton::clicked, this, &ReaderPicker::pickRandom);
    connect(newReader_, &QPushButton::clicked, this, &ReaderPicker::newReaderRequested);
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const std::int32_t id = model_->userIdAt(sort_->mapToSource(current).row());
                if (id != 0)
                    workspace_->selectReader(id);
            });
    connect(workspace_, &Workspace::datasetChanged, this, &ReaderPicker::onDatasetChanged);
    connect(workspace_, &Workspace::readerChanged, this, &ReaderPicker::onReaderChanged);
    onDatasetChanged();
}

void ReaderPicker::onDatasetChanged() {
    model_->setShelves(workspace_->shelves());
    QStringList ids;
    if (const auto shelves = workspace_->shelves()) {
        ids.reserve(static_cast<qsizetype>(shelves->readers().size()));
        for (const ReaderSummary& reader : shelves->readers())
            ids << QString::number(reader.userId);
    }
    ids.sort(Qt::CaseSensitive);
    ids_->setStringList(ids);
    const bool open = workspace_->shelves() != nullptr;
    for (QWidget* w : {static_cast<QWidget*>(id_), static_cast<QWidget*>(show_),
                       static_cast<QWidget*>(randomButton_), static_cast<QWidget*>(newReader_)})
        w->setEnabled(open);
    message_->clear();
}

void ReaderPicker::onReaderChanged() {
    const ReaderChoice& reader = workspace_->reader();
    if (reader.kind != ReaderChoice::Kind::Existing) {
        list_->clearSelection();
        if (reader.kind == ReaderChoice::Kind::New)
            id_->clear();
        return;
    }
    message_->clear();
    message_->setStyleSheet(QString());
    if (id_->text() != QString::number(reader.userId))
        id_->setText(QString::number(reader.userId));
    if (const auto row = model_->rowOf(reader.userId)) {
        const QModelIndex index = sort_->mapFromSource(model_->index(*row, 0));
        if (list_->currentIndex().row() != index.row())
            list_->selectRow(index.row());
        list_->scrollTo(index);
    }
}

void ReaderPicker::showError(const QString& text) {
    message_->setStyleSheet(QStringLiteral("color: #b00020"));
    message_->setText(text);
}

bool ReaderPicker::chooseText(const QString& text) {
    const auto shelves = workspace_->shelves();
    if (!shelves)
        return false;
    bool ok = false;
    const QString trimmed = text.trimmed();
    const int id = trimmed.toInt(&ok);
    const bool digitsOnly =
        !trimmed.isEmpty() &&
        std::all_of(trimmed.begin(), trimmed.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!ok && digitsOnly) { // a whole number past what an id may be
        showError(tr("There is no reader %1: ids go up to %2.")
                      .arg(trimmed, QString::number(std::numeric_limits<std::int32_t>::max())));
        return false;
    }
    if (!ok || id <= 0) {
        showError(tr("Give a reader's id: a whole number from ratings.csv's user_id column."));
        return false;
    }
    if (!shelves->knows(id)) {
        const auto& readers = shelves->readers();
        const QLocale english(QLocale::English);
        showError(readers.empty()
                      ? tr("There is no reader %1 in '%2': it has no readers.")
                            .arg(id)
                            .arg(QString::fromStdString(workspace_->dataset()->name))
                      : tr("There is no reader %1 in '%2': its %3 readers have ids from %4 to %5.")
                            .arg(id)
                            .arg(QString::fromStdString(workspace_->dataset()->name),
                                 english.toString(static_cast<qlonglong>(readers.size())),
                                 QString::number(readers.front().userId),
                                 QString::number(readers.back().userId)));
        return false;
    }
    workspace_->selectReader(id);
    onReaderChanged(); // the same reader again still clears an old message
    return true;
}

std::int32_t ReaderPicker::pickRandom() {
    const auto shelves = workspace_->shelves();
    if (!shelves || shelves->readers().empty())
        return 0;
    std::uniform_int_distribution<std::size_t> pick(0, shelves->readers().size() - 1);
    const std::int32_t id = shelves->readers()[pick(random_)].userId;
    workspace_->selectReader(id);
    return id;
}

} // namespace shelfscope::ui
