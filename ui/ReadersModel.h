#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <cstdint>
#include <memory>
#include <optional>

namespace shelfscope {
class ReaderShelves;
}

namespace shelfscope::ui {

/// Every reader of the open data set, one row each by ascending id: id, books rated, books on
/// the to-read list, mean stars. Rows are read straight from the shared ReaderShelves, so the
/// 53,424 readers of goodbooks-10k cost no copy.
class ReadersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ReaderColumn, RatingsColumn, ToReadColumn, MeanColumn, ColumnCount };
    /// Item data role holding a cell's value for sorting (numbers as numbers).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ReadersModel(QObject* parent = nullptr);

    /// The readers to list (nullptr: none).
    void setShelves(std::shared_ptr<const ReaderShelves> shelves);
    const ReaderShelves* shelves() const { return shelves_.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The reader id of a row (0 for none).
    std::int32_t userIdAt(int row) const;
    /// The row of a reader, or nullopt when the data set has no such reader.
    std::optional<int> rowOf(std::int32_t userId) const;
    /// Whether row a sorts before row b by a column (ties by reader id), without a QVariant.
    bool lessThan(int a, int b, int column) const;

private:
    std::shared_ptr<const ReaderShelves> shelves_;
};

/// Sorts a ReadersModel by its numbers. Comparing through ReadersModel::lessThan rather than
/// through QVariants keeps a sort of 53,424 rows well under a frame's time.
class ReadersSortModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ReadersSortModel(ReadersModel* source, QObject* parent = nullptr);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    ReadersModel* source_;
};

} // namespace shelfscope::ui
