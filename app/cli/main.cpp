#include "CommandLine.h"
#include "Commands.h"
#include "Usage.h"
#include "config/Version.h"
#include "io/AtomicFileWriter.h"
#include "io/DataError.h"
#include "util/CpuPath.h"
#include "util/FloatEnvironment.h"

#include <iostream>
#include <map>

namespace {

using namespace shelfscope;
using Command = int (*)(const cli::CommandLine&);

const std::map<CliCommand, Command>& commandFunctions() {
    static const std::map<CliCommand, Command> functions = {
        {CliCommand::Info, cli::runInfo},       {CliCommand::Generate, cli::runGenerate},
        {CliCommand::Train, cli::runTrain},     {CliCommand::Export, cli::runExport},
        {CliCommand::Import, cli::runImport},   {CliCommand::Evaluate, cli::runEvaluate},
        {CliCommand::Map, cli::runMap},         {CliCommand::Recommend, cli::runRecommend},
        {CliCommand::Similar, cli::runSimilar}, {CliCommand::Compare, cli::runCompare},
    };
    return functions;
}

/// `--man [FILE]` (not in the usage: the build makes the manual page with it).
int writeManPage(const std::vector<std::string>& arguments) {
    if (arguments.size() > 2) {
        std::cerr << "shelfscope-cli: --man takes at most one FILE\n";
        return cli::ExitUsage;
    }
    if (arguments.size() == 1) {
        std::cout << cli::manPage();
        return cli::ExitSuccess;
    }
    try {
        AtomicFileWriter file(arguments[1]);
        file.write(cli::manPage());
        file.commit();
    } catch (const std::exception& error) {
        std::cerr << "shelfscope-cli: error: " << error.what() << '\n';
        return cli::ExitFailure;
    }
    return cli::ExitSuccess;
}

int runCommand(const CommandDef& command, const std::vector<std::string>& arguments) {
    try {
        const cli::CommandLine options(command.command, arguments);
        if (options.helpRequested()) {
            std::cout << cli::commandHelp(command);
            return cli::ExitSuccess;
        }
        return commandFunctions().at(command.command)(options);
    } catch (const cli::UsageError& error) {
        std::cerr << "shelfscope-cli " << command.name << ": " << error.what() << "\n\n"
                  << cli::commandUsage(command);
        return cli::ExitUsage;
    } catch (const DataError& error) {
        std::cerr << "shelfscope-cli: error: " << error.what() << '\n';
        return cli::ExitDataError;
    } catch (const std::exception& error) {
        std::cerr << "shelfscope-cli: error: " << error.what() << '\n';
        return cli::ExitFailure;
    }
}

} // namespace

int main(int argc, char** argv) {
    flushDenormalsInThisThread(); // every command computes on this thread: see the header
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty()) {
        std::cerr << cli::programUsage();
        return cli::ExitUsage;
    }
    const std::string& first = arguments[0];
    if (first == "--help" || first == "-h" || (first == "help" && arguments.size() == 1)) {
        std::cout << cli::programUsage();
        return cli::ExitSuccess;
    }
    if (first == "--version") {
        std::cout << "shelfscope-cli " << kVersion << '\n' << cpuPathReport() << '\n';
        return cli::ExitSuccess;
    }
    if (first == "--man")
        return writeManPage(arguments);
    if (first == "help") { // help COMMAND
        if (const CommandDef* command = findCommand(arguments[1])) {
            std::cout << cli::commandHelp(*command);
            return cli::ExitSuccess;
        }
    }
    const CommandDef* command = findCommand(first);
    if (command == nullptr) {
        std::cerr << "shelfscope-cli: unknown command '" << (first == "help" ? arguments[1] : first)
                  << "'\n\n"
                  << cli::programUsage();
        return cli::ExitUsage;
    }
    arguments.erase(arguments.begin());
    return runCommand(*command, arguments);
}
