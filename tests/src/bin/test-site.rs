//! A site binary for the command-line tests: the handlers of this crate and of the test
//! package, behind `backend_events::cli`.

use std::process::ExitCode;

// Libraries of handlers that nothing else references must be linked explicitly.
use backend_events_test_package as _;
use backend_events_tests as _;

fn main() -> ExitCode {
    backend_events::cli::run()
}
