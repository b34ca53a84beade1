#pragma once

#include "CommandLine.h"

namespace shelfscope::cli {

/// Each command reads its checked options and returns the process exit code. Errors are thrown
/// (UsageError, DataError, ...) and mapped to exit codes by main().
int runInfo(const CommandLine& options);
int runGenerate(const CommandLine& options);
int runTrain(const CommandLine& options);
int runExport(const CommandLine& options);
int runImport(const CommandLine& options);
int runEvaluate(const CommandLine& options);
int runCompare(const CommandLine& options);
int runMap(const CommandLine& options);
int runRecommend(const CommandLine& options);
int runSimilar(const CommandLine& options);

} // namespace shelfscope::cli
