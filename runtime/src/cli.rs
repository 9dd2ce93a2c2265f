//! The command line every site binary can have (feature `cli`, on by default): call
//! [`run`] from `main`, and the binary serves webhooks, lists its handlers, fires an event at
//! them, and prints the bundled samples.
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     backend_events::cli::run()
//! }
//! ```
//!
//! | command | does |
//! |---|---|
//! | `serve [--addr 127.0.0.1:8080] --public-key FILE` | serves `POST /webhooks` ([`http::router`]); the key may come from the environment variable `WIX_PUBLIC_KEY` instead (PEM, or base64 of PEM) |
//! | `list` | the handlers linked into the binary: event, fn, file:line |
//! | `fire <module> <event> [FILE\|-]` | runs the event's handlers on a payload file, standard input (`-`), or the bundled sample: the Rust form of Velo's functional testing |
//! | `sample <module> <event>` | prints the event's bundled sample |
//!
//! Errors (a missing file, malformed JSON, an unknown event, a handler that fails) are one line
//! on standard error and exit code 1; usage errors exit with 2.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::http::{self, Config};
use crate::webhook::Verifier;
use crate::{Dispatcher, EventInfo};

#[derive(Parser)]
#[command(
    version,
    about = "Run this site's backend event handlers: serve webhooks, list handlers, fire events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve POST /webhooks for the deliveries of a Wix app
    Serve {
        /// The address to listen on
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// The app's public key, in PEM (or base64 of PEM), from a file
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
        /// The largest body accepted, in bytes
        #[arg(long, default_value_t = Config::default().body_limit)]
        body_limit: usize,
        /// How long the handlers of one delivery may take, in milliseconds
        #[arg(long, default_value_t = 1000)]
        budget_ms: u64,
    },
    /// List the handlers linked into this binary
    List,
    /// Run the handlers of an event on a payload (a file, - for standard input, or the sample)
    Fire {
        /// The Velo module, such as wixEvents
        module: String,
        /// The event, such as onPolicyUpdated
        event: String,
        /// The payload's JSON file, or - for standard input; the bundled sample when absent
        file: Option<PathBuf>,
    },
    /// Print the bundled sample of an event
    Sample {
        /// The Velo module, such as wixEvents
        module: String,
        /// The event, such as onPolicyUpdated
        event: String,
    },
}

/// Runs the command line on the process's arguments.
pub fn run() -> ExitCode {
    run_from(std::env::args_os())
}

/// Runs the command line on `args` (the first is the program's name).
pub fn run_from<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version are not errors; clap knows which is which.
            let _ = error.print();
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match execute(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command) -> Result<ExitCode, String> {
    let dispatcher = Dispatcher::new();
    match command {
        Command::Serve {
            addr,
            public_key,
            body_limit,
            budget_ms,
        } => {
            let config = Config::default()
                .with_body_limit(body_limit)
                .with_budget(Duration::from_millis(budget_ms));
            serve(dispatcher, addr, public_key, config)
        }
        Command::List => {
            list(&mut std::io::stdout().lock()).map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fire {
            module,
            event,
            file,
        } => fire(dispatcher, &module, &event, file),
        Command::Sample { module, event } => {
            let info = dispatcher
                .event(&module, &event)
                .map_err(|e| e.to_string())?;
            let sample = sample_of(info)?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", sample.trim_end()).map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn sample_of(info: &EventInfo) -> Result<&'static str, String> {
    info.sample().ok_or_else(|| {
        format!("`{info}` has no bundled sample: give a payload FILE, or - for standard input")
    })
}

fn list(out: &mut impl Write) -> std::io::Result<()> {
    let handlers = crate::handlers();
    if handlers.len() == 0 {
        return writeln!(out, "no handlers are linked into this binary");
    }
    for handler in handlers {
        let event = format!("{}.{}", handler.module(), handler.event());
        writeln!(
            out,
            "{event:<45} {}  ({})",
            handler.name(),
            handler.location()
        )?;
    }
    Ok(())
}

fn fire(
    dispatcher: Dispatcher,
    module: &str,
    event: &str,
    file: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let info = dispatcher.event(module, event).map_err(|e| e.to_string())?;
    let payload = match file {
        None => sample_of(info)?.as_bytes().to_vec(),
        Some(path) if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            bytes
        }
        Some(path) => {
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let report = runtime
        .block_on(dispatcher.dispatch(info.module(), info.name(), &payload))
        .map_err(|e| e.to_string())?;
    writeln!(std::io::stdout().lock(), "{report}").map_err(|e| e.to_string())?;
    if report.is_success() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(format!(
            "{} of {} handler(s) failed",
            report.failures().len(),
            report.handlers_run()
        ))
    }
}

fn serve(
    dispatcher: Dispatcher,
    addr: SocketAddr,
    public_key: Option<PathBuf>,
    config: Config,
) -> Result<ExitCode, String> {
    let key = match public_key {
        Some(path) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the public key {}: {e}", path.display()))?,
        None => std::env::var("WIX_PUBLIC_KEY").map_err(|_| {
            "no public key: give --public-key FILE or set WIX_PUBLIC_KEY".to_owned()
        })?,
    };
    let verifier = Verifier::from_key_text(&key).map_err(|e| e.to_string())?;
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        tracing::info!(
            handlers = crate::handlers().len(),
            "listening on http://{local}/webhooks"
        );
        axum::serve(listener, http::router_with(dispatcher, verifier, config))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| e.to_string())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or (on Unix) SIGTERM as service managers send: deliveries in flight finish first.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Logs to standard error; `RUST_LOG` (such as `info` or `backend_events=debug`) filters.
fn init_logging() {
    use std::io::IsTerminal;
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|spec| spec.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(LevelFilter::INFO));
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal()),
        )
        .with(filter)
        .try_init();
}
