#pragma once

#include "recommend/Recommender.h"

#include <QWidget>
#include <cstdint>
#include <set>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QSplitter;

namespace shelfscope::ui {

class BlendSlider;
class RunRecommendations;
class SimilarBooksView;
class Workspace;

/// The recommendations for the workspace's reader: which run (following the active run), how
/// many books, whether rated books come back and to-read books stay, the popularity blend;
/// the list, or two runs' lists side by side with the books both hold highlighted; the books
/// most like the selected one; export as CSV; a way to the map.
class RecommendationsPane : public QWidget {
    Q_OBJECT
public:
    explicit RecommendationsPane(Workspace* workspace, QWidget* parent = nullptr);

    /// The engine config the controls describe (the popularity blend is left to each model
    /// while the slider follows the model's own).
    RecommendConfig config() const;
    int firstRun() const;
    int secondRun() const;
    /// Chooses a finished run for the first (or, when comparing, the second) list.
    void setFirstRun(int run);
    void setSecondRun(int run);
    bool comparing() const;
    void setComparing(bool on);
    /// Whether the slider stands at each model's own blend (rather than a weight of its own).
    bool blendFollowsModel() const { return followModel_; }
    void setBlendFollowsModel(bool follow);

    /// Whether every list shown has its answer (a list, or the reason there is none).
    bool isSettled() const;
    /// The books both lists hold (empty unless comparing).
    const std::set<std::int32_t>& sharedBooks() const { return shared_; }
    /// The shown list(s) as CSV (see recommendationsCsv); empty when there is no list.
    QString csvText() const;
    /// Writes csvText() atomically; false with the reason shown (and in *error).
    bool exportCsv(const QString& path, QString* error = nullptr);

    RunRecommendations* first() const { return first_; }
    RunRecommendations* second() const { return second_; }
    QComboBox* runBox() const { return runBox_; }
    QComboBox* secondRunBox() const { return secondRunBox_; }
    QCheckBox* compareBox() const { return compare_; }
    QSpinBox* topBox() const { return top_; }
    QCheckBox* includeRatedBox() const { return includeRated_; }
    QCheckBox* excludeToReadBox() const { return excludeToRead_; }
    BlendSlider* blendSlider() const { return blend_; }
    QPushButton* modelBlendButton() const { return modelBlend_; }
    QPushButton* exportButton() const { return export_; }
    QPushButton* showOnMapButton() const { return showOnMap_; }
    QLabel* commonLabel() const { return common_; }
    QLabel* messageLabel() const { return message_; }
    SimilarBooksView* similarView() const { return similar_; }
    QSplitter* listSplitter() const { return lists_; }
    QSplitter* similarSplitter() const { return split_; }

Q_SIGNALS:
    /// Every list shown has its answer.
    void settled();
    /// The user asked to see the reader's books on the map.
    void showOnMapRequested();
    /// A control moved (for the panel to remember it).
    void settingsChanged();

private:
    void fillRunBoxes();
    void updateLists();
    void onListSettled();
    void onFirstPrepared();
    void showSimilar();
    void showBlendValue();
    void showMessage(const QString& text, bool error);

    Workspace* workspace_;
    bool followModel_ = true;
    bool runChosen_ = false; ///< the user picked the run here: the default no longer moves it
    bool syncing_ = false;   ///< set while controls are moved by the program, not the user
    std::set<std::int32_t> shared_;
    QComboBox* runBox_;
    QComboBox* secondRunBox_;
    QCheckBox* compare_;
    QSpinBox* top_;
    QCheckBox* includeRated_;
    QCheckBox* excludeToRead_;
    BlendSlider* blend_;
    QLabel* blendValue_;
    QPushButton* modelBlend_;
    QPushButton* export_;
    QPushButton* showOnMap_;
    RunRecommendations* first_;
    RunRecommendations* second_;
    QSplitter* lists_;
    QLabel* common_;
    QLabel* message_;
    SimilarBooksView* similar_;
    QSplitter* split_;
};

} // namespace shelfscope::ui
