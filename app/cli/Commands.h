#pragma once

#include <string>
#include <vector>

namespace shelfscope::cli {

/// Each command parses its own options and returns the process exit code. Errors are thrown
/// (UsageError, DataError, ...) and mapped to exit codes by main().
int runInfo(const std::vector<std::string>& arguments);
int runGenerate(const std::vector<std::string>& arguments);
int runTrain(const std::vector<std::string>& arguments);
int runExport(const std::vector<std::string>& arguments);
int runImport(const std::vector<std::string>& arguments);
int runEvaluate(const std::vector<std::string>& arguments);
int runMap(const std::vector<std::string>& arguments);
int runRecommend(const std::vector<std::string>& arguments);
int runSimilar(const std::vector<std::string>& arguments);

} // namespace shelfscope::cli
