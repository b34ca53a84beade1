#include "NumericLocale.h"

#include <clocale>

namespace shelfscope::ui {

void keepCNumericLocale() {
    std::setlocale(LC_NUMERIC, "C");
}

} // namespace shelfscope::ui
