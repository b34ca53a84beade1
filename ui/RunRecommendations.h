#pragma once

#include "BackgroundTask.h"
#include "Workspace.h"
#include "recommend/Recommender.h"

#include <QWidget>
#include <memory>
#include <optional>

class QHBoxLayout;
class QLabel;

namespace shelfscope::ui {

struct PreparedRun;
class RecommendationTable;

/// What one list was computed from.
struct ListRequest {
    int run = 0;
    ReaderChoice reader;
    RecommendConfig config;
};

/// A list and how it came about: the engine's result, and the new reader's books the model
/// does not know (left out of the fold-in).
struct ListOutcome {
    RecommendResult result;
    std::size_t unknownBooks = 0;
};

/// One run's recommendations for the workspace's reader, with a caption naming the run. The
/// list is computed on a worker (forReader for a reader of the data set, forNewReader, a
/// fold-in, for a new one), so the GUI never waits: a request made while a list is being
/// computed is started as soon as that one ends, and only the latest request's list is shown.
/// Every failure shows the engine's own message.
class RunRecommendations : public QWidget {
    Q_OBJECT
public:
    explicit RunRecommendations(Workspace* workspace, QWidget* parent = nullptr);

    /// Computes the list for this run, reader and config (nothing happens if it is shown or
    /// being computed already).
    void request(const ListRequest& request);
    /// Fetches the run's recommender again and recomputes (its model or the data set changed).
    void reload();
    const ListRequest& current() const { return wanted_; }

    /// The run's recommender once ready (nullptr while preparing, or when it cannot be).
    std::shared_ptr<const PreparedRun> prepared() const { return prepared_; }
    /// The shown list, if the latest request has one.
    const std::optional<ListOutcome>& outcome() const { return outcome_; }
    /// Whether the latest request has its answer (a list, or the reason there is none).
    bool isSettled() const { return settled_; }
    /// Why there is no list (empty when there is one).
    QString message() const;

    /// Puts the widget that chooses the run (the pane's run box) before the caption.
    void setRunChooser(QWidget* chooser);

    RecommendationTable* table() const { return table_; }
    QLabel* caption() const { return caption_; }
    QLabel* statusLabel() const { return status_; }

Q_SIGNALS:
    /// The latest request has its answer.
    void settled();
    /// The run's recommender became ready (or the run changed).
    void preparedChanged();

private:
    void refresh();
    void startJob();
    void settle(const QString& message, bool error);
    void showOutcome(const ListOutcome& outcome);

    Workspace* workspace_;
    ListRequest wanted_;
    bool hasRequest_ = false;
    std::shared_ptr<const PreparedRun> prepared_;
    std::optional<ListOutcome> outcome_;
    bool settled_ = false;
    int wantedSerial_ = 0;  ///< serial of the request a job must answer (0: none needed)
    int runningSerial_ = 0; ///< serial of the job in flight (0: none)
    int serials_ = 0;
    QHBoxLayout* header_;
    QLabel* caption_;
    QLabel* status_;
    RecommendationTable* table_;
    BackgroundTask<std::pair<int, ListOutcome>> task_{this};
};

} // namespace shelfscope::ui
