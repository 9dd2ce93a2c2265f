//! Opening a PostgreSQL connection as the URL's `sslmode` says, with libpq's fallback: under
//! `prefer`, a connection that fails with TLS is tried once more in plain.

use std::future::Future;
use std::pin::Pin;

use tokio::task::JoinHandle;
use tokio_postgres::config::SslMode as WireSslMode;
use tokio_postgres::{Client, Config, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::postgres_tls::client_config;
use super::postgres_url::{PostgresUrl, PostgresUrlError, SslMode};

/// Connects to the database a [`PostgresUrl`] names, over TLS when its `sslmode` asks for it.
#[derive(Clone)]
pub struct PostgresConnector {
    config: Config,
    tls: Option<MakeRustlsConnect>,
    plain_after_tls_fails: bool,
}

impl std::fmt::Debug for PostgresConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresConnector")
            .field("tls", &self.tls.is_some())
            .field("plain_after_tls_fails", &self.plain_after_tls_fails)
            .finish_non_exhaustive()
    }
}

impl PostgresConnector {
    /// The connector for `url`: loads the roots its certificate check needs.
    pub fn new(url: &PostgresUrl) -> Result<Self, PostgresUrlError> {
        let tls = match url.ssl_mode() {
            SslMode::Disable => None,
            _ => Some(MakeRustlsConnect::new(client_config(url)?)),
        };
        Ok(PostgresConnector {
            config: url.config().clone(),
            tls,
            plain_after_tls_fails: url.ssl_mode() == SslMode::Prefer,
        })
    }

    /// Reads `url` and makes its connector.
    pub fn from_url(url: &str) -> Result<Self, PostgresUrlError> {
        Self::new(&PostgresUrl::parse(url)?)
    }

    /// Opens one connection; its I/O runs on a task of its own, whose handle is returned.
    pub async fn connect(&self) -> Result<(Client, JoinHandle<()>), tokio_postgres::Error> {
        self.connect_with(&self.config).await
    }

    async fn connect_with(
        &self,
        config: &Config,
    ) -> Result<(Client, JoinHandle<()>), tokio_postgres::Error> {
        let Some(tls) = &self.tls else {
            return plain(config).await;
        };
        match config.connect(tls.clone()).await {
            Ok((client, connection)) => Ok((client, spawn(connection))),
            // libpq's prefer: a failed handshake, or a server that refuses the encrypted
            // session (pg_hba's hostnossl), is retried once without TLS.
            Err(error) if self.plain_after_tls_fails => {
                tracing::debug!("postgres: no connection with TLS ({error}), trying without");
                let mut without = config.clone();
                without.ssl_mode(WireSslMode::Disable);
                plain(&without).await
            }
            Err(error) => Err(error),
        }
    }
}

async fn plain(config: &Config) -> Result<(Client, JoinHandle<()>), tokio_postgres::Error> {
    let (client, connection) = config.connect(NoTls).await?;
    Ok((client, spawn(connection)))
}

fn spawn<F>(connection: F) -> JoinHandle<()>
where
    F: Future<Output = Result<(), tokio_postgres::Error>> + Send + 'static,
{
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!("postgres: connection closed: {error}");
        }
    })
}

type Connecting<'a> = Pin<
    Box<dyn Future<Output = Result<(Client, JoinHandle<()>), tokio_postgres::Error>> + Send + 'a>,
>;

impl deadpool_postgres::Connect for PostgresConnector {
    fn connect(&self, pg_config: &Config) -> Connecting<'_> {
        let config = pg_config.clone();
        Box::pin(async move { self.connect_with(&config).await })
    }
}
