#pragma once

#include "DatasetLoader.h"

#include <QWidget>

class QLabel;

namespace shelfscope::ui {

class BarChart;

/// Shows what a loaded data set holds: its name and counts, and as charts the rating histogram
/// and how many ratings readers gave.
class DatasetSummaryView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetSummaryView(QWidget* parent = nullptr);

    void showDataset(const LoadedDataset& loaded);
    void showMessage(const QString& message);
    /// The text currently shown, for tests.
    QString text() const;
    const BarChart* ratingChart() const { return ratingChart_; }
    const BarChart* readerChart() const { return readerChart_; }

private:
    QLabel* label_;
    BarChart* ratingChart_;
    BarChart* readerChart_;
};

} // namespace shelfscope::ui
