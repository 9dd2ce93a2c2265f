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
//! | `serve [--addr 127.0.0.1:8080] --public-key [KID=]FILE...` | serves `POST /webhooks` ([`serve::Server`](crate::serve::Server)), and `GET /healthz`, `/readyz` and `/metrics` beside it or on `--metrics-addr ADDR`; several keys while the app's key is rotated; the keys may come from the environment variable `WIX_PUBLIC_KEY` instead (PEM, or base64 of PEM; several PEM blocks, each optionally after a line `kid: ID`) |
//! | `list [--events]` | the handlers linked into the binary: event, fn, file:line; with `--events`, every declared event: module, event, `eventType`, feature |
//! | `fire <module> <event> [FILE\|-]` | runs the event's handlers on a payload file, standard input (`-`), or the bundled sample: the Rust form of Velo's functional testing |
//! | `sample <module> <event>` | prints the event's bundled sample |
//! | `inbox status\|dead\|replay <ID\|--all-dead>\|purge --older-than 30d` | looks into the inbox `serve` stores deliveries in (`--inbox PATH`, default `backend-events.db`) |
//! | `inbox backup PATH [--overwrite]` | copies a SQLite inbox to a new file while `serve` runs ([`inbox::backup`]); a PostgreSQL inbox is refused with exit code 2 (`pg_dump` copies it) |
//!
//! `serve` stores each delivery in the inbox (a SQLite file, `--inbox PATH`, default
//! `./backend-events.db`) before answering, and runs handlers in `--workers N` workers with
//! retries (`--max-attempts 8 --retry-base 1s --retry-max 10m` by default; [`inbox`] says what
//! is guaranteed); `--no-inbox` runs them in the request instead.
//!
//! Errors (a missing file, malformed JSON, an unknown event, a handler that fails) are one line
//! on standard error and exit code 1; usage errors exit with 2, and so does `inbox backup` of
//! a PostgreSQL inbox.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use std::sync::Arc;

use crate::http::Config;
use crate::inbox::{self, BackupError, Inbox, Replay, RetryPolicy, now_ms};
use crate::serve::{Server, shutdown_signal};
use crate::webhook::{PublicKey, Verifier};
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
        /// The app's public key, in PEM (or base64 of PEM), from a file. Give it once per key
        /// while keys are rotated: a token is accepted if one of them verifies it. KID=FILE
        /// names the key by the `kid` of the tokens' JWT header: a token naming it is checked
        /// against that key alone, any other against each key in turn. Without this option,
        /// the environment variable WIX_PUBLIC_KEY holds the key (PEM, or base64 of PEM),
        /// or several PEM blocks, each optionally after a line `kid: ID`
        #[arg(long, value_name = "[KID=]FILE", value_parser = parse_key_arg)]
        public_key: Vec<KeyArg>,
        /// The largest body accepted, in bytes
        #[arg(long, default_value_t = Config::default().body_limit)]
        body_limit: usize,
        /// How long a delivery may take to be answered, in milliseconds
        #[arg(long, default_value_t = 1000)]
        budget_ms: u64,
        /// A connection closed before its request was read (a body over --body-limit, answered
        /// 413) still reads and drops at most this many bytes, so that the client, still
        /// sending, reads the answer; past it the connection is reset
        #[arg(long, value_name = "BYTES", default_value_t = Config::default().drain_limit)]
        drain_limit: usize,
        /// How long such a connection may drain at most, such as 5s
        #[arg(long, value_parser = parse_duration, default_value = "5s")]
        drain_time: Duration,
        /// The inbox deliveries are stored in before they are answered: a SQLite file, or a
        /// postgres:// URL for an inbox several serve processes share
        #[arg(long, value_name = "PATH|URL", default_value = "backend-events.db")]
        inbox: String,
        /// Run the handlers in the request instead (no inbox: a failed handler answers 500)
        #[arg(long, conflicts_with = "inbox")]
        no_inbox: bool,
        /// Workers running stored deliveries' handlers
        #[arg(long, default_value_t = 2)]
        workers: usize,
        /// Attempts of a failing handler before it is dead-lettered
        #[arg(long, default_value_t = RetryPolicy::default().max_attempts)]
        max_attempts: u32,
        /// The wait after a handler's first failure (doubling after each next one), such as
        /// 1s or 500ms
        #[arg(long, value_parser = parse_duration, default_value = "1s")]
        retry_base: Duration,
        /// The longest wait between two attempts, such as 10m or 1h
        #[arg(long, value_parser = parse_duration, default_value = "10m")]
        retry_max: Duration,
        /// How long one handler may run in a worker, in milliseconds
        #[arg(long, default_value_t = 30_000)]
        handler_budget_ms: u64,
        /// Serve /healthz, /readyz and /metrics on this address instead of beside /webhooks
        #[arg(long, value_name = "ADDR")]
        metrics_addr: Option<SocketAddr>,
        /// How often /metrics reads the inbox's gauges at most, such as 5s (0s: every scrape)
        #[arg(long, value_parser = parse_duration, default_value = "5s")]
        gauges_every: Duration,
    },
    /// Look into the inbox: status, dead letters, replays, retention, backups
    Inbox {
        /// The inbox: a SQLite file, or a postgres:// URL
        #[arg(
            long,
            value_name = "PATH|URL",
            default_value = "backend-events.db",
            global = true
        )]
        inbox: String,
        #[command(subcommand)]
        command: InboxCommand,
    },
    /// List the handlers linked into this binary (or, with --events, every declared event)
    List {
        /// Every event declared in this binary instead: module, event, webhook eventType and
        /// the cargo feature of backend-events that holds it
        #[arg(long)]
        events: bool,
    },
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

#[derive(Subcommand)]
enum InboxCommand {
    /// Deliveries pending, retrying, handled, and dead letters
    Status,
    /// The dead letters: delivery, event, handler, attempts, last error
    Dead,
    /// Give dead letters another round of attempts
    Replay {
        /// The delivery whose dead letters to replay
        #[arg(required_unless_present = "all_dead")]
        id: Option<String>,
        /// Replay every dead letter
        #[arg(long, conflicts_with = "id")]
        all_dead: bool,
    },
    /// Delete handled deliveries older than an age such as 30d, 12h or 90m; their ids are
    /// kept until their tokens expire, so that a replay runs nothing
    Purge {
        /// The age: a number and a unit (30d, 12h, 90m...)
        #[arg(long, value_parser = parse_duration)]
        older_than: Duration,
    },
    /// Copy a SQLite inbox to a new file, online: serve may keep running (a PostgreSQL inbox
    /// is copied with pg_dump instead)
    Backup {
        /// The copy's path; an existing file is kept unless --overwrite is given
        path: PathBuf,
        /// Replace a file already at PATH
        #[arg(long)]
        overwrite: bool,
    },
}

/// One `--public-key`: the file, and the key id it names, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyArg {
    kid: Option<String>,
    path: PathBuf,
}

/// `FILE` or `KID=FILE`; a file of the whole name wins, as a path may hold `=`.
fn parse_key_arg(text: &str) -> Result<KeyArg, String> {
    let whole = || KeyArg {
        kid: None,
        path: PathBuf::from(text),
    };
    if std::path::Path::new(text).exists() {
        return Ok(whole());
    }
    Ok(match text.split_once('=') {
        Some((kid, path)) if !kid.is_empty() && !kid.contains('/') && !path.is_empty() => KeyArg {
            kid: Some(kid.to_owned()),
            path: PathBuf::from(path),
        },
        _ => whole(),
    })
}

/// The verifier of `serve`: the keys of the `--public-key` files, in the order given, or else
/// those of `WIX_PUBLIC_KEY`.
fn load_verifier(keys: &[KeyArg]) -> Result<Verifier, String> {
    if keys.is_empty() {
        let text = std::env::var("WIX_PUBLIC_KEY").map_err(|_| {
            "no public key: give --public-key FILE or set WIX_PUBLIC_KEY".to_owned()
        })?;
        return Verifier::from_key_text(&text).map_err(|e| format!("WIX_PUBLIC_KEY: {e}"));
    }
    let mut all = Vec::new();
    for KeyArg { kid, path } in keys {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the public key {}: {e}", path.display()))?;
        let mut found =
            PublicKey::all_from_text(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(kid) = kid {
            if found.len() != 1 {
                return Err(format!(
                    "{}: holds {} keys, but {kid}= names one: give one key per KID=FILE",
                    path.display(),
                    found.len()
                ));
            }
            found = found.into_iter().map(|key| key.with_kid(kid)).collect();
        }
        all.extend(found);
    }
    Verifier::new(all).map_err(|e| e.to_string())
}

/// A duration as people write it: `30d`, `12h`, `90m`, `1s`, `500ms`, `1h 30m`.
fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text).map_err(|error| {
        format!("`{text}`: {error} (write a number and a unit, such as 30d, 12h, 90m, 1s or 500ms)")
    })
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
            drain_limit,
            drain_time,
            inbox,
            no_inbox,
            workers,
            max_attempts,
            retry_base,
            retry_max,
            handler_budget_ms,
            metrics_addr,
            gauges_every,
        } => {
            let config = Config::default()
                .with_body_limit(body_limit)
                .with_budget(Duration::from_millis(budget_ms))
                .with_drain(drain_limit, drain_time);
            let inbox = (!no_inbox).then(|| InboxOptions {
                location: inbox,
                workers: workers.max(1),
                policy: RetryPolicy::default()
                    .with_max_attempts(max_attempts)
                    .with_delays(retry_base, retry_max),
                handler_budget: Duration::from_millis(handler_budget_ms),
            });
            let ops = OpsOptions {
                metrics_addr,
                gauges_every,
            };
            serve(addr, public_key, config, inbox, ops)
        }
        Command::Inbox { inbox, command } => inbox_command(&inbox, command),
        Command::List { events } => {
            let mut out = std::io::stdout().lock();
            if events {
                list_events(&mut out)
            } else {
                list(&mut out)
            }
            .map_err(|e| e.to_string())?;
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

/// One line per declared event: module, event, `eventType` (`-` for none) and the feature that
/// holds it (`-` for a module the binary declares itself).
fn list_events(out: &mut impl Write) -> std::io::Result<()> {
    for event in crate::events() {
        writeln!(
            out,
            "{:<28} {:<48} {:<72} {}",
            event.module(),
            event.name(),
            event.webhook_type().unwrap_or("-"),
            crate::catalog::feature_of(event.module(), event.name()).unwrap_or("-")
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

/// How `serve` runs its inbox.
struct InboxOptions {
    location: String,
    workers: usize,
    policy: RetryPolicy,
    handler_budget: Duration,
}

/// Where `serve` answers /healthz, /readyz and /metrics, and how fresh the gauges are.
struct OpsOptions {
    metrics_addr: Option<SocketAddr>,
    gauges_every: Duration,
}

fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// The inbox's location as it is logged: a URL's password, in its user part or as a
/// `password=` parameter, is replaced by `***`.
fn without_password(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://").filter(|_| is_url(location)) else {
        return location.to_owned();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some(("password", _)) => "password=***".to_owned(),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

async fn open_inbox(location: &str) -> Result<Arc<dyn Inbox>, String> {
    inbox::open(location).await.map_err(|e| e.to_string())
}

fn inbox_command(location: &str, command: InboxCommand) -> Result<ExitCode, String> {
    if !is_url(location) && !std::path::Path::new(location).exists() {
        return Err(format!("no inbox at {location}"));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(inbox_command_async(location, command))
}

async fn inbox_command_async(location: &str, command: InboxCommand) -> Result<ExitCode, String> {
    // Opened by each command that reads it: a backup opens the file in its own way.
    let inbox = || open_inbox(location);
    let mut out = std::io::stdout().lock();
    let written = match command {
        InboxCommand::Status => {
            let counts = inbox().await?.counts().await.map_err(|e| e.to_string())?;
            writeln!(
                out,
                "pending {}\nretrying {}\ndead {}\nhandled {}\nremembered {}",
                counts.pending, counts.retrying, counts.dead, counts.handled, counts.remembered
            )
        }
        InboxCommand::Dead => {
            let dead = inbox().await?.dead().await.map_err(|e| e.to_string())?;
            if dead.is_empty() {
                writeln!(out, "no dead letters")
            } else {
                dead.iter().try_for_each(|letter| {
                    writeln!(
                        out,
                        "{}  {}  {}  attempts {}  {}",
                        letter.delivery_id,
                        letter.event,
                        letter.handler,
                        letter.attempts,
                        letter.last_error.replace('\n', " ")
                    )
                })
            }
        }
        InboxCommand::Replay { id, all_dead } => {
            let what = match (id, all_dead) {
                (_, true) => Replay::AllDead,
                (Some(id), false) => Replay::Delivery(id),
                (None, false) => return Err("give a delivery id or --all-dead".into()),
            };
            let replayed = inbox()
                .await?
                .replay(&what)
                .await
                .map_err(|e| e.to_string())?;
            writeln!(out, "{replayed} dead letter(s) will run again")
        }
        InboxCommand::Purge { older_than } => {
            let age = u64::try_from(older_than.as_millis()).unwrap_or(u64::MAX);
            let before = now_ms().saturating_sub(age);
            let purged = inbox()
                .await?
                .purge(before, now_ms())
                .await
                .map_err(|e| e.to_string())?;
            writeln!(
                out,
                "{purged} handled deliveries purged (ids are kept until their tokens expire)"
            )
        }
        InboxCommand::Backup { path, overwrite } => {
            match inbox::backup(location, &path, overwrite) {
                Ok(report) => writeln!(
                    out,
                    "backed up the inbox to {} ({} bytes)",
                    report.path.display(),
                    report.bytes
                ),
                // Not a failure but the wrong tool: told apart by a usage error's exit code.
                Err(error @ BackupError::Postgres) => {
                    eprintln!("error: {error}");
                    return Ok(ExitCode::from(2));
                }
                Err(error) => return Err(error.to_string()),
            }
        }
    };
    written.map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn serve(
    addr: SocketAddr,
    public_keys: Vec<KeyArg>,
    config: Config,
    inbox: Option<InboxOptions>,
    ops: OpsOptions,
) -> Result<ExitCode, String> {
    let verifier = load_verifier(&public_keys)?;
    // Held to the end: dropping it writes the lines still on their way.
    let _log_writer = init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    // Workers get threads of their own: a handler that blocks (a sync one, say) then delays
    // other handlers, never the answers to the platform.
    let worker_runtime = match &inbox {
        Some(options) => Some(
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(options.workers.clamp(1, 64))
                .thread_name("inbox-worker")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let workers_handle = worker_runtime.as_ref().map(|rt| rt.handle().clone());
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let mut server = Server::new(verifier)
            .with_config(config)
            .with_gauges_every(ops.gauges_every);
        if let Some(metrics_addr) = ops.metrics_addr {
            server = server.with_metrics_addr(metrics_addr);
        }
        if let Some(options) = inbox {
            tracing::info!(inbox = %without_password(&options.location), "opening the inbox");
            server = server
                .with_inbox(open_inbox(&options.location).await?)
                .with_workers(options.workers)
                .with_retry_policy(options.policy)
                .with_handler_budget(options.handler_budget);
        }
        if let Some(handle) = workers_handle {
            server = server.with_worker_runtime(handle);
        }
        server
            .serve(listener, shutdown_signal())
            .await
            .map_err(|e| e.to_string())
    });
    // Dropped here, outside any runtime, as tokio requires.
    drop(worker_runtime);
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Logs to standard error from a thread of its own; `RUST_LOG` (such as `info` or
/// `backend_events=debug`) filters. A request hands its line over and goes on, and the thread
/// writes every line waiting in one write. Nothing is dropped: when lines
/// pile up faster than they are written, the request waits. The guard writes what is left when
/// it is dropped.
fn init_logging() -> tracing_appender::non_blocking::WorkerGuard {
    use std::io::IsTerminal;
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|spec| spec.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(LevelFilter::INFO));
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .thread_name("log-writer")
        .finish(std::io::BufWriter::new(std::io::stderr()));
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(std::io::stderr().is_terminal()),
        )
        .with(filter)
        .try_init();
    guard
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inbox_url_is_logged_without_its_password() {
        assert_eq!(
            without_password("postgres://app:s3cret@db.example.com:5432/inbox?sslmode=verify-full"),
            "postgres://app:***@db.example.com:5432/inbox?sslmode=verify-full"
        );
        assert_eq!(
            without_password("postgresql://db/inbox?user=app&password=s3cret&sslmode=require"),
            "postgresql://db/inbox?user=app&password=***&sslmode=require"
        );
        assert_eq!(
            without_password("postgres://app@db/inbox"),
            "postgres://app@db/inbox"
        );
        assert_eq!(without_password("inbox:1.db"), "inbox:1.db");
    }

    fn serve_args(extra: &[&str]) -> Command {
        let mut args = vec!["site", "serve"];
        args.extend_from_slice(extra);
        Cli::try_parse_from(args)
            .expect("the arguments parse")
            .command
    }

    #[test]
    fn retry_delays_take_durations_as_people_write_them() {
        let Command::Serve {
            retry_base,
            retry_max,
            ..
        } = serve_args(&["--retry-base", "500ms", "--retry-max", "1h 30m"])
        else {
            panic!("not serve")
        };
        assert_eq!(retry_base, Duration::from_millis(500));
        assert_eq!(retry_max, Duration::from_secs(5400));
    }

    #[test]
    fn drain_bounds_default_to_the_config_s_and_take_durations() {
        let Command::Serve {
            drain_limit,
            drain_time,
            ..
        } = serve_args(&[])
        else {
            panic!("not serve")
        };
        let config = Config::default();
        assert_eq!(
            (drain_limit, drain_time),
            (config.drain_limit, config.drain_time)
        );
        let Command::Serve { drain_time, .. } = serve_args(&["--drain-time", "1500ms"]) else {
            panic!("not serve")
        };
        assert_eq!(drain_time, Duration::from_millis(1500));
    }

    #[test]
    fn retry_delays_default_to_the_policy_s() {
        let Command::Serve {
            retry_base,
            retry_max,
            max_attempts,
            ..
        } = serve_args(&[])
        else {
            panic!("not serve")
        };
        let policy = RetryPolicy::default();
        assert_eq!(
            (retry_base, retry_max, max_attempts),
            (policy.base_delay, policy.max_delay, policy.max_attempts)
        );
    }

    #[test]
    fn the_metrics_listener_and_the_gauges_period_are_optional() {
        let Command::Serve {
            metrics_addr,
            gauges_every,
            ..
        } = serve_args(&[])
        else {
            panic!("not serve")
        };
        assert_eq!((metrics_addr, gauges_every), (None, Duration::from_secs(5)));
        let Command::Serve {
            metrics_addr,
            gauges_every,
            ..
        } = serve_args(&["--metrics-addr", "127.0.0.1:9090", "--gauges-every", "0s"])
        else {
            panic!("not serve")
        };
        assert_eq!(metrics_addr, Some("127.0.0.1:9090".parse().unwrap()));
        assert_eq!(gauges_every, Duration::ZERO);
    }

    #[test]
    fn public_keys_repeat_and_may_name_their_kid() {
        let Command::Serve { public_key, .. } = serve_args(&[
            "--public-key",
            "old.pem",
            "--public-key",
            "2025-06=keys/new.pem",
            "--public-key",
            "keys/a=b.pem",
        ]) else {
            panic!("not serve")
        };
        let key = |kid: Option<&str>, path: &str| KeyArg {
            kid: kid.map(str::to_owned),
            path: PathBuf::from(path),
        };
        assert_eq!(
            public_key,
            [
                key(None, "old.pem"),
                key(Some("2025-06"), "keys/new.pem"),
                // A `/` before the `=`: a path, not a key id.
                key(None, "keys/a=b.pem"),
            ]
        );
    }

    #[test]
    fn a_duration_without_a_unit_is_explained() {
        let error = Cli::try_parse_from(["site", "serve", "--retry-base", "10"])
            .err()
            .expect("refused")
            .to_string();
        assert!(error.contains("`10`"), "{error}");
        assert!(
            error.contains("such as 30d, 12h, 90m, 1s or 500ms"),
            "{error}"
        );
    }
}
