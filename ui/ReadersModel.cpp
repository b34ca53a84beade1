#include "ReadersModel.h"

#include "recommend/ReaderShelves.h"

#include <QLocale>
#include <algorithm>

namespace shelfscope::ui {

ReadersModel::ReadersModel(QObject* parent) : QAbstractTableModel(parent) {}

void ReadersModel::setShelves(std::shared_ptr<const ReaderShelves> shelves) {
    beginResetModel();
    shelves_ = std::move(shelves);
    endResetModel();
}

int ReadersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !shelves_ ? 0 : static_cast<int>(shelves_->readers().size());
}

int ReadersModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReadersModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ReaderSummary& r = shelves_->readers()[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case ReaderColumn:
            return r.userId;
        case RatingsColumn:
            return r.ratings;
        case ToReadColumn:
            return r.toRead;
        case MeanColumn:
            return static_cast<double>(r.meanRating);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ReaderColumn:
            return QString::number(r.userId);
        case RatingsColumn:
            return QString::number(r.ratings);
        case ToReadColumn:
            return QString::number(r.toRead);
        case MeanColumn:
            return QLocale(QLocale::English).toString(static_cast<double>(r.meanRating), 'f', 2);
        }
    }
    return {};
}

QVariant ReadersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ReaderColumn:
            return tr("Reader");
        case RatingsColumn:
            return tr("Rated");
        case ToReadColumn:
            return tr("To read");
        case MeanColumn:
            return tr("Mean");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ReaderColumn:
            return tr("The reader's user_id in ratings.csv");
        case RatingsColumn:
            return tr("How many books they rated");
        case ToReadColumn:
            return tr("How many books are on their to-read list");
        case MeanColumn:
            return tr("The mean of the stars they gave");
        }
    }
    return {};
}

std::int32_t ReadersModel::userIdAt(int row) const {
    if (row < 0 || row >= rowCount())
        return 0;
    return shelves_->readers()[static_cast<std::size_t>(row)].userId;
}

std::optional<int> ReadersModel::rowOf(std::int32_t userId) const {
    if (!shelves_)
        return std::nullopt;
    const auto& readers = shelves_->readers(); // ascending ids
    const auto found =
        std::lower_bound(readers.begin(), readers.end(), userId,
                         [](const ReaderSummary& r, std::int32_t id) { return r.userId < id; });
    if (found == readers.end() || found->userId != userId)
        return std::nullopt;
    return static_cast<int>(found - readers.begin());
}

bool ReadersModel::lessThan(int a, int b, int column) const {
    const ReaderSummary& x = shelves_->readers()[static_cast<std::size_t>(a)];
    const ReaderSummary& y = shelves_->readers()[static_cast<std::size_t>(b)];
    const auto byId = [&] { return x.userId < y.userId; };
    switch (column) {
    case RatingsColumn:
        return x.ratings != y.ratings ? x.ratings < y.ratings : byId();
    case ToReadColumn:
        return x.toRead != y.toRead ? x.toRead < y.toRead : byId();
    case MeanColumn:
        return x.meanRating != y.meanRating ? x.meanRating < y.meanRating : byId();
    default:
        return byId();
    }
}

ReadersSortModel::ReadersSortModel(ReadersModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), source_(source) {
    setSourceModel(source);
    setSortRole(ReadersModel::SortRole);
}

bool ReadersSortModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    return source_->lessThan(left.row(), right.row(), left.column());
}

} // namespace shelfscope::ui
