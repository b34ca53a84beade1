#pragma once

#include "config/OptionTable.h"

#include <QString>

class QDoubleSpinBox;
class QSpinBox;

namespace shelfscope::ui {

/// Gives a spin box the range (and precision) of a command-line option from the option table
/// (config/OptionTable.h), so the GUI accepts what shelfscope-cli and core accept. The box's
/// "option" property holds "COMMAND --NAME" (e.g. "train --dim"), for tests.
void useOptionRange(QSpinBox* box, CliCommand command, const char* name);
void useOptionRange(QDoubleSpinBox* box, CliCommand command, const char* name);

/// " (1 to 4096)": the option's range, for a tooltip.
QString optionRangeNote(CliCommand command, const char* name);

} // namespace shelfscope::ui
