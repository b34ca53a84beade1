#pragma once

#include "config/OptionTable.h"

#include <QString>

class QDoubleSpinBox;
class QSpinBox;

namespace shelfscope::ui {

/// Gives a spin box the range, step (and precision) of a command-line option from the option
/// table (config/OptionTable.h), so the GUI accepts what shelfscope-cli and core accept. The
/// box's "option" property holds "COMMAND --NAME" (e.g. "train --dim"), for tests.
void useOptionRange(QSpinBox* box, CliCommand command, const char* name);
void useOptionRange(QDoubleSpinBox* box, CliCommand command, const char* name);

/// useOptionRange, then the option's default (the table's, which its help prints) and its help
/// with range and default as the tooltip: the whole box from the table, for options whose
/// default does not depend on a preset.
void useOption(QSpinBox* box, CliCommand command, const char* name);
void useOption(QDoubleSpinBox* box, CliCommand command, const char* name);

/// " (1 to 4096)": the option's range, for a tooltip.
QString optionRangeNote(CliCommand command, const char* name);

/// The option's help from the table with its range and default: "t-SNE: the effective number
/// of neighbours of each book (2 to 1000; default 40)."
QString optionToolTip(CliCommand command, const char* name);

} // namespace shelfscope::ui
