//! PostgreSQL over TLS, as libpq's `sslmode` says, against a real server.
//!
//! The TLS cases need a server with a certificate for `localhost` and 127.0.0.1 signed by the
//! CA in `BACKEND_EVENTS_POSTGRES_TLS_ROOT` (`.ci/run` makes both); they skip with a reason
//! when it is unset, unless `BACKEND_EVENTS_REQUIRE_POSTGRES` is set (as in CI). The fallback
//! cases need only `BACKEND_EVENTS_POSTGRES`: a small proxy in front of the server plays a
//! server without TLS, or one whose handshake fails.

mod support;

use std::net::SocketAddr;

use backend_events::inbox::{PostgresConnector, PostgresInbox, PostgresUrl};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The server's address and credentials, from `BACKEND_EVENTS_POSTGRES`.
struct Server {
    user: String,
    password: String,
    dbname: String,
    host: String,
    addr: SocketAddr,
}

impl Server {
    /// `postgres://` to `host` (`hostaddr` still reaches this server) with `query`.
    fn url_for_host(&self, host: &str, query: &str) -> String {
        format!(
            "postgres://{}:{}@{host}:{}/{}?hostaddr={}&{query}",
            self.user,
            self.password,
            self.addr.port(),
            self.dbname,
            self.addr.ip()
        )
    }

    fn url(&self, query: &str) -> String {
        self.url_for_host(&self.host, query)
    }

    /// The same database behind another address (a proxy's).
    fn url_at(&self, addr: SocketAddr, query: &str) -> String {
        format!(
            "postgres://{}:{}@{}:{}/{}?{query}",
            self.user,
            self.password,
            addr.ip(),
            addr.port(),
            self.dbname
        )
    }
}

async fn server() -> Option<Server> {
    let Ok(url) = std::env::var("BACKEND_EVENTS_POSTGRES") else {
        assert!(
            std::env::var_os("BACKEND_EVENTS_REQUIRE_POSTGRES").is_none(),
            "BACKEND_EVENTS_REQUIRE_POSTGRES is set but BACKEND_EVENTS_POSTGRES is not"
        );
        eprintln!("skipped: set BACKEND_EVENTS_POSTGRES to run this on PostgreSQL");
        return None;
    };
    let url = PostgresUrl::parse(&url).unwrap();
    let config = url.config();
    let host = match &config.get_hosts()[0] {
        tokio_postgres::config::Host::Tcp(host) => host.clone(),
        other => panic!("these cases need a TCP host, not {other:?}"),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let addr = tokio::net::lookup_host((host.as_str(), port))
        .await
        .unwrap()
        .next()
        .unwrap();
    Some(Server {
        user: config.get_user().unwrap().to_owned(),
        password: String::from_utf8(config.get_password().unwrap_or_default().to_vec()).unwrap(),
        dbname: config.get_dbname().unwrap().to_owned(),
        host,
        addr,
    })
}

/// The server and the path of the CA that signed its certificate, or `None` (with the reason
/// printed) when the environment names no TLS server.
async fn tls_server() -> Option<(Server, String)> {
    let Ok(root) = std::env::var("BACKEND_EVENTS_POSTGRES_TLS_ROOT") else {
        assert!(
            std::env::var_os("BACKEND_EVENTS_REQUIRE_POSTGRES").is_none(),
            "BACKEND_EVENTS_REQUIRE_POSTGRES is set but BACKEND_EVENTS_POSTGRES_TLS_ROOT is not"
        );
        eprintln!(
            "skipped: set BACKEND_EVENTS_POSTGRES_TLS_ROOT to the CA of a PostgreSQL server \
             with TLS (see .ci/run) to run this"
        );
        return None;
    };
    Some((server().await?, root))
}

/// Whether the session of `url` is encrypted, as the server sees it.
async fn session_is_encrypted(url: &str) -> Result<bool, String> {
    let connector = PostgresConnector::from_url(url).map_err(|e| e.to_string())?;
    let (client, _connection) = connector.connect().await.map_err(|e| chain(&e))?;
    let row = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .await
        .unwrap();
    Ok(row.get(0))
}

/// An error with its causes, as one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn a_verify_full_session_is_encrypted() {
    let Some((server, root)) = tls_server().await else {
        return;
    };
    let url = server.url(&format!("sslmode=verify-full&sslrootcert={root}"));
    assert_eq!(session_is_encrypted(&url).await, Ok(true));
}

#[tokio::test]
async fn the_inbox_connections_are_encrypted() {
    let Some((server, root)) = tls_server().await else {
        return;
    };
    let schema = "tls_test_inbox";
    let url = server.url(&format!("sslmode=verify-full&sslrootcert={root}"));
    let admin = support::postgres_client(&url).await;
    admin
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
        ))
        .await
        .unwrap();
    let inbox_url = format!("{url}&options=-c%20search_path%3D{schema}&application_name={schema}");
    let _inbox = PostgresInbox::connect(&inbox_url).await.unwrap();
    let row = admin
        .query_one(
            "SELECT count(*), bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = $1",
            &[&schema],
        )
        .await
        .unwrap();
    let (connections, all_encrypted): (i64, bool) = (row.get(0), row.get(1));
    assert!(connections > 0);
    assert!(all_encrypted);
}

#[tokio::test]
async fn prefer_the_default_encrypts_when_the_server_offers_tls() {
    let Some((server, _root)) = tls_server().await else {
        return;
    };
    assert_eq!(session_is_encrypted(&server.url("")).await, Ok(true));
    assert_eq!(
        session_is_encrypted(&server.url("sslmode=disable")).await,
        Ok(false)
    );
}

#[tokio::test]
async fn verify_full_refuses_a_certificate_for_another_host() {
    let Some((server, root)) = tls_server().await else {
        return;
    };
    // The certificate names localhost and 127.0.0.1; this name reaches the same server.
    let other = |mode: &str| {
        server.url_for_host(
            "not-the-server.invalid",
            &format!("sslmode={mode}&sslrootcert={root}"),
        )
    };
    let refused = session_is_encrypted(&other("verify-full"))
        .await
        .unwrap_err();
    assert!(refused.contains("not valid for name"), "{refused}");
    // verify-ca checks the chain only, and require with a root file is verify-ca.
    assert_eq!(session_is_encrypted(&other("verify-ca")).await, Ok(true));
    assert_eq!(session_is_encrypted(&other("require")).await, Ok(true));
}

#[tokio::test]
async fn verify_full_refuses_a_certificate_no_system_root_signed() {
    let Some((server, _root)) = tls_server().await else {
        return;
    };
    for mode in ["verify-full", "verify-ca"] {
        let refused = session_is_encrypted(&server.url(&format!("sslmode={mode}")))
            .await
            .unwrap_err();
        assert!(
            refused.contains("UnknownIssuer") || refused.contains("no trusted root"),
            "{mode}: {refused}"
        );
    }
    // require without roots encrypts and checks nothing, as libpq does.
    assert_eq!(
        session_is_encrypted(&server.url("sslmode=require")).await,
        Ok(true)
    );
}

/// What the proxy answers to a client's request for TLS.
#[derive(Clone, Copy)]
enum TlsAnswer {
    /// `N`: this server has no TLS.
    Refuse,
    /// `S`, then bytes that are no TLS record: the handshake fails.
    Broken,
}

/// The 8 bytes of PostgreSQL's SSLRequest: length 8, code 80877103.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// A proxy to `target` on loopback that answers requests for TLS itself, as `answer` says,
/// and passes every other connection through.
async fn proxy(target: SocketAddr, answer: TlsAnswer) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut first = [0; 8];
                client.read_exact(&mut first).await?;
                if first == SSL_REQUEST {
                    match answer {
                        TlsAnswer::Refuse => client.write_all(b"N").await?,
                        TlsAnswer::Broken => {
                            client.write_all(b"Snot a TLS record at all").await?;
                            return client.shutdown().await;
                        }
                    }
                } else {
                    let mut upstream = TcpStream::connect(target).await?;
                    upstream.write_all(&first).await?;
                    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
                    return Ok(());
                }
                // After the `N`, the client's startup message goes to the server in plain.
                let mut upstream = TcpStream::connect(target).await?;
                tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
                Ok::<_, std::io::Error>(())
            });
        }
    });
    addr
}

#[tokio::test]
async fn prefer_connects_in_plain_to_a_server_without_tls() {
    let Some(server) = server().await else {
        return;
    };
    let plain = proxy(server.addr, TlsAnswer::Refuse).await;
    assert_eq!(
        session_is_encrypted(&server.url_at(plain, "sslmode=prefer")).await,
        Ok(false)
    );
    assert_eq!(
        session_is_encrypted(&server.url_at(plain, "")).await,
        Ok(false)
    );
    for mode in ["require", "verify-ca", "verify-full"] {
        let refused = session_is_encrypted(&server.url_at(plain, &format!("sslmode={mode}")))
            .await
            .unwrap_err();
        assert!(
            refused.contains("does not support TLS"),
            "{mode}: {refused}"
        );
    }
}

#[tokio::test]
async fn prefer_tries_again_in_plain_when_the_handshake_fails() {
    let Some(server) = server().await else {
        return;
    };
    let broken = proxy(server.addr, TlsAnswer::Broken).await;
    assert_eq!(
        session_is_encrypted(&server.url_at(broken, "sslmode=prefer")).await,
        Ok(false)
    );
    let refused = session_is_encrypted(&server.url_at(broken, "sslmode=require"))
        .await
        .unwrap_err();
    assert!(refused.contains("TLS"), "{refused}");
}

#[tokio::test]
async fn an_unknown_sslmode_is_refused_before_connecting() {
    let error = PostgresInbox::connect("postgres://u:p@127.0.0.1:1/db?sslmode=verify")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "inbox: postgres: unknown sslmode `verify`: expected disable, prefer, require, \
         verify-ca or verify-full"
    );
}

/// The command line as a user meets a mistyped URL: one line, exit 1, before any connection.
#[test]
fn the_command_line_explains_a_bad_tls_parameter() {
    let cases = [
        (
            "sslmode=verify",
            "unknown sslmode `verify`: expected disable, prefer, require, verify-ca or verify-full",
        ),
        (
            "sslmode=require&sslrootcert=system",
            "sslmode=require may not be used with sslrootcert=system (use verify-full)",
        ),
        (
            "sslmode=verify-full&sslrootcert=/no/such/ca.pem",
            "sslrootcert /no/such/ca.pem: I/O error: No such file or directory (os error 2)",
        ),
    ];
    for (query, expected) in cases {
        let url = format!("postgres://u:p@127.0.0.1:1/db?{query}");
        for args in [
            vec!["inbox", "--inbox", &url, "status"],
            vec!["serve", "--inbox", &url],
        ] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_test-site"))
                .args(&args)
                .env("WIX_PUBLIC_KEY", &support::app_keys().public_pem)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
            // serve logs that it opens the inbox first; the error is the last line.
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                stderr.lines().last(),
                Some(format!("error: inbox: postgres: {expected}").as_str()),
                "{args:?}"
            );
        }
    }
}
