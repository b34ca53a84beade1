#include "BookSearchBox.h"

#include "BookText.h"
#include "data/Dataset.h"
#include "recommend/TitleSearch.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>

namespace shelfscope::ui {

namespace {
constexpr int kBookIdRole = Qt::UserRole + 1;
constexpr std::size_t kOffered = 15;
} // namespace

BookSearchBox::BookSearchBox(QWidget* parent)
    : QLineEdit(parent), model_(new QStandardItemModel(this)), completer_(new QCompleter(this)) {
    setPlaceholderText(tr("Search a title or an author"));
    setClearButtonEnabled(true);
    completer_->setModel(model_);
    // The list is already the search's answer: the completer must not filter it again.
    completer_->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setMaxVisibleItems(12);
    completer_->setWidget(this);
    connect(this, &QLineEdit::textEdited, this, &BookSearchBox::refresh);
    connect(completer_, qOverload<const QModelIndex&>(&QCompleter::activated), this,
            [this](const QModelIndex& index) {
                const auto id = static_cast<std::int32_t>(index.data(kBookIdRole).toInt());
                if (id != 0) {
                    setText(index.data(Qt::DisplayRole).toString());
                    Q_EMIT bookChosen(id);
                }
            });
    connect(this, &QLineEdit::returnPressed, this, [this] {
        if (completer_->popup()->isVisible())
            return; // the popup's own activation picks the highlighted entry
        refresh(text());
        if (!matches_.empty())
            Q_EMIT bookChosen(matches_.front());
    });
    setEnabled(false);
}

BookSearchBox::~BookSearchBox() = default;

void BookSearchBox::setDataset(std::shared_ptr<const Dataset> dataset) {
    dataset_ = std::move(dataset);
    search_ = dataset_ ? std::make_unique<TitleSearch>(dataset_->books) : nullptr;
    clear();
    model_->clear();
    matches_.clear();
    setEnabled(dataset_ != nullptr && !dataset_->books.empty());
}

void BookSearchBox::setFilter(std::function<bool(std::int32_t)> accept) {
    accept_ = std::move(accept);
}

void BookSearchBox::refresh(const QString& text) {
    matches_.clear();
    model_->clear();
    if (!search_)
        return;
    // Ask for more than are shown, so a filter that drops some still fills the list.
    for (std::int32_t id : search_->findTitleOrAuthor(text.toStdString(), kOffered * 4)) {
        if (accept_ && !accept_(id))
            continue;
        matches_.push_back(id);
        auto* item = new QStandardItem(bookLine(dataset_->books, id));
        item->setData(id, kBookIdRole);
        model_->appendRow(item);
        if (matches_.size() == kOffered)
            break;
    }
    if (!matches_.empty())
        completer_->complete();
}

} // namespace shelfscope::ui
