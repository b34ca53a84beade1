#include "util/Progress.h"

namespace shelfscope {

const std::atomic<bool>& neverCancelled() {
    static const std::atomic<bool> flag{false};
    return flag;
}

} // namespace shelfscope
