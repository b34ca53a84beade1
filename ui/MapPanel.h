#pragma once

#include "BackgroundTask.h"
#include "BookColourings.h"
#include "MapController.h"
#include "MapPane.h"

#include <QWidget>
#include <array>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace shelfscope::ui {

class BookDetailsView;
class CoverCache;
class BookSearchBox;
class SelectionView;
class Workspace;

/// The Map tab: the active run's books drawn with PCA, t-SNE or UMAP in a map to explore
/// (zoom, pan, hover, click, rectangle and lasso), coloured by genre, rating, popularity, year,
/// language or the selected reader's stars, with the reader's rated, to-read and recommended
/// books lit up. A side panel shows the clicked book (cover, facts, shelves, embedding, similar
/// books) or the books of a selection and what they mostly are. A second run can be drawn
/// beside the first with a linked selection, and the map can follow a run while it trains.
/// Maps are cached per run and settings.
class MapPanel : public QWidget {
    Q_OBJECT
public:
    explicit MapPanel(Workspace* workspace, QWidget* parent = nullptr);

    /// Draws the map the controls describe in every pane with a run; false without a run.
    bool draw();
    /// The settings the controls describe.
    MapRequest request() const;
    /// Writes a pane's map (0: the first, 1: the one beside it) as PNG, SVG or CSV (by
    /// suffix); false with the reason in *error.
    bool exportMap(const QString& path, QString* error, int paneIndex = 0);

    MapPane* pane(int index) const { return panes_[static_cast<std::size_t>(index)]; }
    QComboBox* methodBox() const { return method_; }
    QDoubleSpinBox* perplexityBox() const { return perplexity_; }
    QSpinBox* iterationsBox() const { return iterations_; }
    QSpinBox* neighboursBox() const { return neighbours_; }
    QDoubleSpinBox* minDistBox() const { return minDist_; }
    QComboBox* colourBox() const { return colour_; }
    QCheckBox* followBox() const { return follow_; }
    QCheckBox* readerBox() const { return showReader_; }
    QComboBox* compareBox() const { return compare_; }
    BookSearchBox* searchBox() const { return search_; }
    QPushButton* drawButton() const { return draw_; }
    QPushButton* stopButton() const { return stop_; }
    BookDetailsView* details() const { return details_; }
    SelectionView* selection() const { return selection_; }
    QTabWidget* sideTabs() const { return side_; }
    const MapCache& cache() const { return cache_; }
    CoverCache* covers() const { return covers_; }
    /// What the map shows of the reader in pane `index` (for tests).
    const ReaderOnMap& readerOnMap(int index) const {
        return readers_[static_cast<std::size_t>(index)];
    }

Q_SIGNALS:
    /// Every pane with a run has its map (for automation and tests).
    void mapsReady();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildControls();
    void onActiveRunChanged();
    void onCompareChanged();
    void refreshCompareChoices();
    /// Marks the current book and its neighbours on each map; `reveal` scrolls a map to it when
    /// it is out of view (a refresh after a background job leaves where the user looks alone).
    void showCurrentBook(bool reveal);
    void onSelectionChanged();
    void onReaderChanged();
    void recolour();
    void updateEnabled();
    void saveSettings() const;
    void askForExportPath(int paneIndex);
    void onExportClicked();
    /// The reader as pane `index`'s run sees them; recommendations come later, off-thread.
    void updateReader(int index);
    void drawWhenVisible();

    Workspace* workspace_;
    CoverCache* covers_;
    MapCache cache_;
    std::array<MapPane*, 2> panes_{};
    std::array<ReaderOnMap, 2> readers_;
    std::array<std::unique_ptr<BackgroundTask<std::vector<std::int32_t>>>, 2> recommending_;
    bool drawPending_ = false;
    QComboBox* method_;
    QDoubleSpinBox* perplexity_;
    QSpinBox* iterations_;
    QSpinBox* neighbours_;
    QDoubleSpinBox* minDist_;
    QSpinBox* seed_;
    QCheckBox* normalize_;
    QPushButton* draw_;
    QPushButton* stop_;
    QCheckBox* follow_;
    QComboBox* colour_;
    QCheckBox* showReader_;
    BookSearchBox* search_;
    std::array<QToolButton*, 3> modes_{};
    QPushButton* reset_;
    QComboBox* compare_;
    QPushButton* export_;
    QSplitter* split_;
    QSplitter* mapsSplit_ = nullptr; ///< the two panes
    QTabWidget* side_;
    BookDetailsView* details_;
    SelectionView* selection_;
    QWidget* tsneControls_;
    QWidget* umapControls_;
};

} // namespace shelfscope::ui
