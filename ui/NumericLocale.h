#pragma once

namespace shelfscope::ui {

/// Puts the C library's numbers (LC_NUMERIC) back to "C" once QApplication has adopted the
/// user's locale for every category: numbers the C and C++ libraries print or read
/// (std::printf, std::strtod, streams) keep the dot under a decimal-comma locale, while the
/// other categories and what QLocale formats for the user still follow their settings. The app
/// calls it right after constructing QApplication.
void keepCNumericLocale();

} // namespace shelfscope::ui
