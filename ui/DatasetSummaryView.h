#pragma once

#include "DatasetLoader.h"

#include <QWidget>

class QLabel;

namespace shelfscope::ui {

/// Shows what a loaded data set holds: its name, the counts and the rating histogram.
class DatasetSummaryView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetSummaryView(QWidget* parent = nullptr);

    void showDataset(const LoadedDataset& loaded);
    void showMessage(const QString& message);
    /// The text currently shown, for tests.
    QString text() const;

private:
    QLabel* label_;
};

} // namespace shelfscope::ui
