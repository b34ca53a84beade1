#include "RunsPanel.h"

#include "Workspace.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace shelfscope::ui {

RunsPanel::RunsPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), sorted_(new QSortFilterProxyModel(this)),
      table_(new QTableView), save_(new QPushButton(tr("Save model..."))),
      load_(new QPushButton(tr("Load model..."))), delete_(new QPushButton(tr("Delete run"))),
      export_(new QPushButton(tr("Export table..."))),
      compare_(new QPushButton(tr("Compare runs..."))) {
    RunsModel* runs = workspace_->runs();
    sorted_->setSourceModel(runs);
    sorted_->setSortRole(RunsModel::SortRole);
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RunsModel::RunColumn, Qt::AscendingOrder);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(RunsModel::SettingsColumn,
                                                     QHeaderView::Stretch);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    save_->setToolTip(tr("Write the selected run's model to a file"));
    load_->setToolTip(tr("Read a model file trained on the open data set"));
    delete_->setToolTip(tr("Remove the selected run from the session"));
    export_->setToolTip(tr("Write this table as CSV"));
    compare_->setToolTip(tr("Evaluate the runs with one protocol, with confidence intervals "
                            "(the Compare tab)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(save_);
    buttons->addWidget(load_);
    buttons->addWidget(delete_);
    buttons->addStretch();
    buttons->addWidget(compare_);
    buttons->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
    layout->addLayout(buttons);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        workspace_->setActiveRun(selectedRun());
    });
    connect(workspace_, &Workspace::activeRunChanged, this, [this](int run) {
        if (run != 0 && run != selectedRun())
            select(run);
        updateButtons();
    });
    connect(runs, &RunsModel::rowsInserted, this, &RunsPanel::updateButtons);
    connect(runs, &RunsModel::rowsRemoved, this, &RunsPanel::updateButtons);
    connect(runs, &RunsModel::dataChanged, this, &RunsPanel::updateButtons);
    connect(save_, &QPushButton::clicked, this, [this] { Q_EMIT saveRequested(selectedRun()); });
    connect(load_, &QPushButton::clicked, this, &RunsPanel::loadRequested);
    connect(delete_, &QPushButton::clicked, this,
            [this] { Q_EMIT deleteRequested(selectedRun()); });
    connect(export_, &QPushButton::clicked, this, &RunsPanel::exportRequested);
    connect(compare_, &QPushButton::clicked, this, &RunsPanel::compareRequested);
    updateButtons();
}

int RunsPanel::selectedRun() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    return workspace_->runs()->runAt(sorted_->mapToSource(rows.first()).row());
}

void RunsPanel::select(int run) {
    const int row = workspace_->runs()->rowOf(run);
    if (row < 0)
        return;
    table_->selectRow(sorted_->mapFromSource(workspace_->runs()->index(row, 0)).row());
}

void RunsPanel::updateButtons() {
    const bool finished = workspace_->runs()->finished(selectedRun()) != nullptr;
    save_->setEnabled(finished);
    delete_->setEnabled(finished);
    export_->setEnabled(workspace_->runs()->rowCount() > 0);
    compare_->setEnabled(!workspace_->runs()->finishedRuns().empty());
}

} // namespace shelfscope::ui
