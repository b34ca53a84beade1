#pragma once

#include "DatasetLoader.h"
#include "MapController.h"
#include "TrainingController.h"

#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace shelfscope::ui {

class Workspace;

/// A map of the active model's book embeddings: PCA, or t-SNE drawn live as it settles, with
/// the share of each book's 10 nearest neighbours the map keeps. Hovering a point names the book.
class MapPanel : public QWidget {
    Q_OBJECT
public:
    explicit MapPanel(Workspace* workspace, QWidget* parent = nullptr);

    /// Starts the map the controls describe; false (with a message) without a model.
    bool draw();

    QComboBox* methodBox() const { return method_; }
    QSpinBox* iterationsBox() const { return iterations_; }
    QSpinBox* perplexityBox() const { return perplexity_; }
    QPushButton* drawButton() const { return draw_; }
    QPushButton* stopButton() const { return stop_; }
    QLabel* statusLabel() const { return status_; }
    MapController* controller() { return &controller_; }
    int pointCount() const;
    /// The title of the book nearest to (x, y) on the map, or empty.
    QString bookAt(double x, double y) const;

private:
    /// Takes up the workspace's active run (or none).
    void onActiveRunChanged();
    void show(const std::vector<float>& xy);
    void onFinished(const MapResult& result);
    void setRunning(bool running);

    Workspace* workspace_;
    MapController controller_;
    std::shared_ptr<const Dataset> dataset_;
    std::shared_ptr<const Matrix> rows_;
    std::vector<std::int32_t> ids_;
    std::vector<float> shown_;
    std::optional<MapSnapshot> pending_; ///< the newest snapshot not drawn yet
    QTimer repaint_;
    QComboBox* method_;
    QCheckBox* normalize_;
    QSpinBox* perplexity_;
    QSpinBox* iterations_;
    QPushButton* draw_;
    QPushButton* stop_;
    QLabel* status_;
    QChartView* view_;
    QScatterSeries* points_;
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
};

} // namespace shelfscope::ui
