//! The server as a library (feature `inbox`): what `serve` on the command line starts, for a
//! program that has its own `main`, its own tokio runtime and its own axum routes.
//!
//! A [`Server`] holds the verifier, the endpoint's limits and how deliveries are handled: in
//! the request, or stored in an inbox and run by workers. [`Server::router`] is the
//! `POST /webhooks` route to merge into an app; [`Server::start_workers`] starts the inbox's
//! workers; [`Server::serve`] does both on a listener until a shutdown signal, then lets the
//! workers finish the deliveries they hold.
//!
//! [`Server::ops_router`] is `GET /healthz`, `GET /readyz` and `GET /metrics` (Prometheus:
//! [`crate::metrics`] lists what is counted); [`Server::serve`] serves them beside
//! `/webhooks`, or on a listener of their own ([`Server::with_metrics_addr`]).
//!
//! ```no_run
//! use backend_events::http::Config;
//! use backend_events::linger::LingeringListener;
//! use backend_events::serve::{Server, shutdown_signal};
//! use backend_events::webhook::Verifier;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::from_key_text(&std::env::var("WIX_PUBLIC_KEY")?)?;
//! let inbox = backend_events::inbox::open("backend-events.db").await?;
//! let server = Server::new(verifier).with_inbox(inbox).with_workers(4);
//!
//! // The endpoint beside routes of one's own:
//! let app = axum::Router::new()
//!     .route("/", axum::routing::get(|| async { "my app" }))
//!     .merge(server.router());
//! let workers = server.start_workers();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! // A client sending a body over the limit then reads its 413 (see `linger`).
//! let listener = LingeringListener::new(listener, &Config::default());
//! axum::serve(listener, app)
//!     .with_graceful_shutdown(shutdown_signal())
//!     .await?;
//! workers.shutdown().await; // each finishes the delivery it holds
//! # Ok(()) }
//! ```

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::runtime::Handle;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::Dispatcher;
use crate::http::{self, Config};
use crate::inbox::{self, Inbox, RetryPolicy, Worker};
use crate::linger::LingeringListener;
use crate::metrics::Metrics;
use crate::ops;
use crate::webhook::Verifier;

/// `POST /webhooks` with its handling: in the request, or through an inbox and its workers.
#[derive(Clone)]
pub struct Server {
    dispatcher: Dispatcher,
    verifier: Verifier,
    config: Config,
    inbox: Option<Arc<dyn Inbox>>,
    workers: usize,
    policy: RetryPolicy,
    handler_budget: Duration,
    worker_runtime: Option<Handle>,
    metrics: Metrics,
    metrics_addr: Option<SocketAddr>,
    gauges_every: Duration,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("config", &self.config)
            .field("inbox", &self.inbox.is_some())
            .field("workers", &self.workers)
            .field("policy", &self.policy)
            .field("handler_budget", &self.handler_budget)
            .field("metrics_addr", &self.metrics_addr)
            .field("gauges_every", &self.gauges_every)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A server of the deliveries `verifier` accepts, to every handler linked into the binary,
    /// with the default [`Config`]. Without an inbox, handlers run in the request (a failed
    /// handler answers 500, and the platform resends).
    pub fn new(verifier: Verifier) -> Self {
        Server {
            dispatcher: Dispatcher::new(),
            verifier,
            config: Config::default(),
            inbox: None,
            workers: 2,
            policy: RetryPolicy::default(),
            handler_budget: Duration::from_secs(30),
            worker_runtime: None,
            metrics: Metrics::new(),
            metrics_addr: None,
            gauges_every: Duration::from_secs(5),
        }
    }

    /// The same server with other limits (body size, time to the answer).
    pub fn with_config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The same server storing every delivery in `inbox` before it answers; the workers run
    /// the handlers ([`crate::inbox`] says what is guaranteed).
    pub fn with_inbox(mut self, inbox: Arc<dyn Inbox>) -> Self {
        self.inbox = Some(inbox);
        self
    }

    /// The same server with `workers` workers (at least one; default 2).
    pub fn with_workers(mut self, workers: usize) -> Self {
        self.workers = workers.max(1);
        self
    }

    /// The same server retrying failed handlers by `policy`.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The same server giving each handler run in a worker `budget` (default 30 s).
    pub fn with_handler_budget(mut self, budget: Duration) -> Self {
        self.handler_budget = budget;
        self
    }

    /// The same server starting its workers on `runtime` rather than on the caller's: a
    /// runtime of their own keeps handlers that block off the threads that answer the
    /// platform.
    pub fn with_worker_runtime(mut self, runtime: Handle) -> Self {
        self.worker_runtime = Some(runtime);
        self
    }

    /// The same server counting into `metrics` (by default, metrics of its own).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// The same server answering `/healthz`, `/readyz` and `/metrics` on a listener of their
    /// own at `addr` (such as a port only the monitoring reaches) rather than beside
    /// `/webhooks`, when it [serves](Self::serve).
    pub fn with_metrics_addr(mut self, addr: SocketAddr) -> Self {
        self.metrics_addr = Some(addr);
        self
    }

    /// The same server reading the inbox's gauges for `/metrics` at most once every `every`
    /// (default 5 s; zero: at every scrape). Counting a large inbox is a query over it, which
    /// a scrape every second should not repeat.
    pub fn with_gauges_every(mut self, every: Duration) -> Self {
        self.gauges_every = every;
        self
    }

    /// What the server counts.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The inbox deliveries are stored in, if any.
    pub fn inbox(&self) -> Option<&Arc<dyn Inbox>> {
        self.inbox.as_ref()
    }

    /// The `POST /webhooks` route, to serve as it is or merge into an app's router.
    pub fn router(&self) -> Router {
        http::counted_router(
            self.dispatcher,
            self.verifier.clone(),
            self.inbox.clone(),
            self.config,
            self.metrics.clone(),
        )
    }

    /// `GET /healthz` (200 while the process serves), `GET /readyz` (200 when the inbox can
    /// take a delivery now, 503 otherwise; 200 without an inbox) and `GET /metrics` (the
    /// OpenMetrics text Prometheus scrapes), to merge into an app's router.
    pub fn ops_router(&self) -> Router {
        ops::router(self.inbox.clone(), self.metrics.clone(), self.gauges_every)
    }

    /// Starts the inbox's workers (none without an inbox), on the worker runtime if one was
    /// given, else on the current tokio runtime. They run until [`Workers::shutdown`].
    ///
    /// # Panics
    /// Outside a tokio runtime, when no worker runtime was given.
    pub fn start_workers(&self) -> Workers {
        let (stop, stopped) = watch::channel(false);
        let mut tasks = Vec::new();
        let mut logger = None;
        if let Some(inbox) = &self.inbox {
            let runtime = self.worker_runtime.clone().unwrap_or_else(Handle::current);
            logger = Some(runtime.spawn(log_counters_every(Duration::from_secs(60))));
            for _ in 0..self.workers {
                let worker = Worker::new(inbox.clone(), self.dispatcher)
                    .with_policy(self.policy)
                    .with_budget(self.handler_budget)
                    .with_metrics(self.metrics.clone());
                let mut stopped = stopped.clone();
                tasks.push(runtime.spawn(worker.run(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })));
            }
        }
        Workers {
            stop,
            tasks,
            logger,
        }
    }

    /// Serves [`router`](Self::router) and [`ops_router`](Self::ops_router) on `listener`
    /// (or the latter on the [metrics address](Self::with_metrics_addr)) and runs the workers
    /// until `shutdown` completes (such as [`shutdown_signal`]); then the requests in flight
    /// are answered and each worker finishes the delivery it holds. What is left waits in the
    /// inbox.
    ///
    /// Connections to `/webhooks` close with a lingering drain ([`LingeringListener`], bounded
    /// by the config's `drain_limit` and `drain_time`), so that a client sending a body over
    /// the limit reads its 413.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let local = listener.local_addr()?;
        // One signal, two listeners: each waits for its own copy of it.
        let (stop, stopped) = watch::channel(false);
        let stop_on = |mut stopped: watch::Receiver<bool>| async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        let mut app = self.router();
        let mut ops_served = None;
        match self.metrics_addr {
            Some(addr) => {
                let ops_listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
                    std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}"))
                })?;
                let ops_local = ops_listener.local_addr()?;
                tracing::info!("health and metrics on http://{ops_local}/metrics");
                let served = axum::serve(ops_listener, self.ops_router())
                    .with_graceful_shutdown(stop_on(stopped.clone()));
                ops_served = Some(tokio::spawn(served.into_future()));
            }
            None => app = app.merge(self.ops_router()),
        }
        tracing::info!(
            handlers = crate::handlers().len(),
            "listening on http://{local}/webhooks"
        );
        if self.inbox.is_some() {
            tracing::info!(
                workers = self.workers,
                "deliveries are stored, then answered, then handled"
            );
        }
        let workers = self.start_workers();
        let stop = Arc::new(stop);
        let signal = tokio::spawn({
            let stop = stop.clone();
            async move {
                shutdown.await;
                let _ = stop.send(true);
            }
        });
        let listener = LingeringListener::new(listener, &self.config);
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(stop_on(stopped))
            .await;
        // Also when the main listener failed: the other one stops with it.
        let _ = stop.send(true);
        signal.abort();
        if let Some(ops_served) = ops_served {
            match ops_served.await {
                Ok(result) => result?,
                Err(error) => return Err(std::io::Error::other(error)),
            }
        }
        workers.shutdown().await;
        served
    }
}

/// The running workers of a [`Server`].
#[derive(Debug)]
#[must_use = "workers run until they are shut down"]
pub struct Workers {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    /// Logs the counters; it never ends by itself.
    logger: Option<JoinHandle<()>>,
}

impl Workers {
    /// Asks every worker to stop and waits until each has finished the delivery it holds.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
        if let Some(logger) = self.logger {
            logger.abort();
        }
    }
}

/// Resolves on Ctrl-C or, on Unix, on SIGTERM as service managers send it.
pub async fn shutdown_signal() {
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

/// Logs the inbox's counters every `period` when they changed.
async fn log_counters_every(period: Duration) {
    let mut last = inbox::counters();
    loop {
        tokio::time::sleep(period).await;
        let now = inbox::counters();
        if now != last {
            tracing::info!(
                accepted = now.accepted,
                duplicate = now.duplicate,
                handled = now.handled,
                retried = now.retried,
                dead_lettered = now.dead_lettered,
                "inbox counters"
            );
            last = now;
        }
    }
}
