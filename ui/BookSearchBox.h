#pragma once

#include <QLineEdit>
#include <cstdint>
#include <functional>
#include <memory>

class QCompleter;
class QStandardItemModel;

namespace shelfscope {
struct Dataset;
class TitleSearch;
} // namespace shelfscope

namespace shelfscope::ui {

/// A search field over the open data set's catalogue that completes titles and authors as the
/// user types (titles first, most-rated first) and says which book was chosen.
class BookSearchBox : public QLineEdit {
    Q_OBJECT
public:
    explicit BookSearchBox(QWidget* parent = nullptr);
    ~BookSearchBox() override;

    /// The catalogue to search (nullptr: none, the box is disabled).
    void setDataset(std::shared_ptr<const Dataset> dataset);
    /// Only books for which this holds are offered (e.g. books the model knows); empty: all.
    void setFilter(std::function<bool(std::int32_t)> accept);
    /// The books the current text offers, best first, as the popup lists them.
    std::vector<std::int32_t> matches() const { return matches_; }
    QCompleter* completer() const { return completer_; }

Q_SIGNALS:
    /// A book was picked from the list, or Enter took the best match.
    void bookChosen(std::int32_t bookId);

private:
    void refresh(const QString& text);

    std::shared_ptr<const Dataset> dataset_;
    std::unique_ptr<TitleSearch> search_;
    std::function<bool(std::int32_t)> accept_;
    std::vector<std::int32_t> matches_;
    QStandardItemModel* model_;
    QCompleter* completer_;
};

} // namespace shelfscope::ui
