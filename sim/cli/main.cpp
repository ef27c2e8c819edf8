// ccsim entry point: global --help/--version, then dispatch to a subcommand. SimGrid never sees this argv:
// the engine builds its own (see engine/engine.cpp), so it cannot swallow --help or --version.
#include <signal.h>

#include <cstring>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"

using namespace ccsim;

// The command has written its outputs and chosen its exit code: a SIGINT or SIGTERM in the last moments of
// exit (static destructors, the HDF5 library closing) must not turn a finished run into one killed by a signal.
// Blocked, not ignored: the signal stays pending and dies with the process.
static int finished(int rc) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  return rc;
}

static void print_help() {
  std::cout << "ccsim " CCSIM_VERSION " - discrete-event load simulator and SLA stress tester for a cloud contact center\n\n"
               "usage: ccsim <command> [options]\n\ncommands:\n";
  for (const auto& c : cli::commands()) std::cout << "  " << c.name << std::string(12 - std::strlen(c.name), ' ') << c.summary << "\n";
  std::cout << "\noptions:\n  -h, --help     show this help (also: ccsim <command> --help)\n"
               "  -V, --version  print the version\n";
}

int main(int argc, char** argv) {
  if (argc < 2) {
    print_help();
    return kExitBadInput;
  }
  std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_help();
    return kExitOk;
  }
  if (first == "--version" || first == "-V") {
    std::cout << "ccsim " CCSIM_VERSION "\n";
    return kExitOk;
  }
  for (const auto& c : cli::commands()) {
    if (first == c.name) {
      cli::Args args(argv + 2, argv + argc);
      try {
        return finished(c.fn(args));
      } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
      } catch (const std::exception& e) {
        std::cerr << "ccsim " << first << ": internal error: " << e.what() << "\n";
        return kExitInternal;
      }
    }
  }
  std::cerr << "ccsim: unknown command '" << first << "' (see: ccsim --help)\n";
  return kExitBadInput;
}
