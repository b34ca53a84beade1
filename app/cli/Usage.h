#pragma once

#include "config/OptionTable.h"

#include <string>

namespace shelfscope::cli {

/// `shelfscope-cli --help`: the commands, each with its summary.
std::string programUsage();
/// `shelfscope-cli COMMAND --help`: every option the table gives the command, with its range,
/// choices and default.
std::string commandHelp(const CommandDef& command);
/// The two lines printed under a usage error: the synopsis and where the options are.
std::string commandUsage(const CommandDef& command);
/// The manual page shelfscope-cli(1) in roff, from the same table.
std::string manPage();

} // namespace shelfscope::cli
