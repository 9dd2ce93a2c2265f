//! A `postgres://` URL as libpq reads it, including the two TLS parameters tokio-postgres does
//! not know: `sslmode` (with libpq's `verify-ca` and `verify-full`) and `sslrootcert`, each
//! from the environment (`PGSSLMODE`, `PGSSLROOTCERT`) when the URL leaves it out.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use percent_encoding::percent_decode_str;

/// libpq's `sslmode`: whether the connection is encrypted and what of the server's certificate
/// is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// Plain: no TLS.
    Disable,
    /// libpq's default: TLS when the server offers it, plain otherwise or when TLS fails. The
    /// certificate is not checked, unless `sslrootcert` names the roots.
    Prefer,
    /// TLS or no connection. The certificate is not checked, unless `sslrootcert` names the
    /// roots (then as [`SslMode::VerifyCa`]).
    Require,
    /// TLS, with a certificate that chains to a trusted root; any host name.
    VerifyCa,
    /// TLS, with a certificate that chains to a trusted root and names the host connected to.
    VerifyFull,
}

impl SslMode {
    const NAMES: [(&'static str, SslMode); 5] = [
        ("disable", SslMode::Disable),
        ("prefer", SslMode::Prefer),
        ("require", SslMode::Require),
        ("verify-ca", SslMode::VerifyCa),
        ("verify-full", SslMode::VerifyFull),
    ];

    /// The value as the URL spells it.
    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, mode)| *mode == self)
            .map_or("prefer", |(name, _)| name)
    }
}

impl fmt::Display for SslMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SslMode {
    type Err = PostgresUrlError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::NAMES
            .iter()
            .find(|(name, _)| *name == value)
            .map(|(_, mode)| *mode)
            .ok_or_else(|| PostgresUrlError::UnknownSslMode(value.to_owned()))
    }
}

/// Where the trusted roots come from (`sslrootcert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCerts {
    /// The operating system's store (`sslrootcert=system`, and the default).
    System,
    /// The PEM certificates of this file.
    File(PathBuf),
}

/// What of the server's certificate a connection checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateCheck {
    /// Nothing: the connection is encrypted, but to whoever answers.
    None,
    /// The chain up to a trusted root, not the host name.
    Chain,
    /// The chain and the host name.
    ChainAndHost,
}

/// A URL that [`PostgresUrl::parse`] refuses, or whose roots cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PostgresUrlError {
    /// `sslmode` has a value libpq's five do not include.
    #[error("unknown sslmode `{0}`: expected disable, prefer, require, verify-ca or verify-full")]
    UnknownSslMode(String),
    /// `sslrootcert=system` with an `sslmode` weaker than `verify-full`, which libpq refuses.
    #[error("sslmode={0} may not be used with sslrootcert=system (use verify-full)")]
    WeakSslModeWithSystemRoots(SslMode),
    /// The rest of the URL, as tokio-postgres reads it.
    #[error("invalid postgres URL: {0}")]
    Invalid(#[source] tokio_postgres::Error),
    /// The `sslrootcert` file cannot be read, or holds no certificate.
    #[error("sslrootcert {}: {reason}", path.display())]
    RootCert {
        /// The file.
        path: PathBuf,
        /// Why it gives no root.
        reason: String,
    },
    /// rustls refuses the client configuration.
    #[error("TLS: {0}")]
    Tls(#[source] rustls::Error),
    /// The system's store holds no usable certificate.
    #[error("no trusted root certificate in the system's store{0}")]
    NoSystemRoots(String),
}

/// A `postgres://` URL: tokio-postgres's connection settings, with libpq's TLS parameters.
#[derive(Clone)]
pub struct PostgresUrl {
    config: tokio_postgres::Config,
    ssl_mode: SslMode,
    root_certs: Option<RootCerts>,
}

impl fmt::Debug for PostgresUrl {
    // The password stays out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresUrl")
            .field("host", &self.config.get_hosts())
            .field("port", &self.config.get_ports())
            .field("dbname", &self.config.get_dbname())
            .field("ssl_mode", &self.ssl_mode)
            .field("root_certs", &self.root_certs)
            .finish_non_exhaustive()
    }
}

impl PostgresUrl {
    /// Reads `url` (`postgres://user:password@host:port/database?sslmode=verify-full&...`).
    /// As in libpq, a parameter the URL leaves out is taken from the environment
    /// (`PGSSLMODE`, `PGSSLROOTCERT`), and without either the mode is `prefer`
    /// (`verify-full` when `sslrootcert=system`). Reads no file: the roots are loaded when
    /// connecting.
    pub fn parse(url: &str) -> Result<Self, PostgresUrlError> {
        Self::parse_with(url, |name| std::env::var(name).ok())
    }

    /// [`parse`](Self::parse), with `env` for the environment.
    pub(crate) fn parse_with(
        url: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, PostgresUrlError> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let root_cert = |value: &str| match value {
            "system" => RootCerts::System,
            path => RootCerts::File(PathBuf::from(path)),
        };
        let mut ssl_mode = None;
        let mut root_certs = None;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = || percent_decode_str(value).decode_utf8_lossy().into_owned();
            match key {
                "sslmode" => ssl_mode = Some(decoded().parse::<SslMode>()?),
                "sslrootcert" => root_certs = Some(root_cert(&decoded())),
                _ => rest.push(pair),
            }
        }
        // The environment is read only for what the URL leaves out, as libpq does.
        let set = |value: Option<String>| value.filter(|value| !value.is_empty());
        if ssl_mode.is_none() {
            ssl_mode = set(env("PGSSLMODE"))
                .map(|mode| mode.parse::<SslMode>())
                .transpose()?;
        }
        if root_certs.is_none() {
            root_certs = set(env("PGSSLROOTCERT")).map(|path| root_cert(&path));
        }
        let ssl_mode = match (ssl_mode, &root_certs) {
            (Some(SslMode::VerifyFull) | None, Some(RootCerts::System)) => SslMode::VerifyFull,
            (Some(weak), Some(RootCerts::System)) => {
                return Err(PostgresUrlError::WeakSslModeWithSystemRoots(weak));
            }
            (mode, _) => mode.unwrap_or(SslMode::Prefer),
        };
        let rest = if rest.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let mut config =
            tokio_postgres::Config::from_str(&rest).map_err(PostgresUrlError::Invalid)?;
        config.ssl_mode(match ssl_mode {
            SslMode::Disable => tokio_postgres::config::SslMode::Disable,
            SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                tokio_postgres::config::SslMode::Require
            }
        });
        Ok(PostgresUrl {
            config,
            ssl_mode,
            root_certs,
        })
    }

    /// The `sslmode`, or its default.
    pub fn ssl_mode(&self) -> SslMode {
        self.ssl_mode
    }

    /// The `sslrootcert`, when given.
    pub fn root_certs(&self) -> Option<&RootCerts> {
        self.root_certs.as_ref()
    }

    /// What of the server's certificate is checked, as libpq decides it: `prefer` and
    /// `require` check the chain only when `sslrootcert` is given.
    pub fn certificate_check(&self) -> CertificateCheck {
        match (self.ssl_mode, &self.root_certs) {
            (SslMode::VerifyFull, _) => CertificateCheck::ChainAndHost,
            (SslMode::VerifyCa, _) | (SslMode::Prefer | SslMode::Require, Some(_)) => {
                CertificateCheck::Chain
            }
            (SslMode::Disable, _) | (SslMode::Prefer | SslMode::Require, None) => {
                CertificateCheck::None
            }
        }
    }

    /// The roots a check trusts: `sslrootcert`, else the system's store.
    pub fn trusted_roots(&self) -> RootCerts {
        self.root_certs.clone().unwrap_or(RootCerts::System)
    }

    /// tokio-postgres's settings: everything but the certificate checks.
    pub fn config(&self) -> &tokio_postgres::Config {
        &self.config
    }
}

impl FromStr for PostgresUrl {
    type Err = PostgresUrlError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        PostgresUrl::parse(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "postgres://u:p@127.0.0.1:5432/db";

    /// Parsed with an empty environment.
    fn parse(query: &str) -> Result<PostgresUrl, PostgresUrlError> {
        PostgresUrl::parse_with(&format!("{BASE}{query}"), |_| None)
    }

    #[test]
    fn the_environment_gives_what_the_url_leaves_out() {
        let env = |name: &str| match name {
            "PGSSLMODE" => Some("verify-ca".to_owned()),
            "PGSSLROOTCERT" => Some("/etc/ca.pem".to_owned()),
            _ => None,
        };
        let url = PostgresUrl::parse_with(BASE, env).unwrap();
        assert_eq!(url.ssl_mode(), SslMode::VerifyCa);
        assert_eq!(url.trusted_roots(), RootCerts::File("/etc/ca.pem".into()));
        // The URL's own parameters win.
        let url = PostgresUrl::parse_with(&format!("{BASE}?sslmode=disable"), env).unwrap();
        assert_eq!(url.ssl_mode(), SslMode::Disable);
        let url = PostgresUrl::parse_with(&format!("{BASE}?sslrootcert=%2Fown.pem"), env).unwrap();
        assert_eq!(url.trusted_roots(), RootCerts::File("/own.pem".into()));
        // A bad PGSSLMODE is the same typed error as a bad sslmode, unless the URL has one.
        let bad = |name: &str| (name == "PGSSLMODE").then(|| "allow-ish".to_owned());
        let error = PostgresUrl::parse_with(BASE, bad).unwrap_err();
        assert!(
            matches!(error, PostgresUrlError::UnknownSslMode(_)),
            "{error}"
        );
        assert!(PostgresUrl::parse_with(&format!("{BASE}?sslmode=require"), bad).is_ok());
        // PGSSLROOTCERT=system means verify-full, and refuses a weaker PGSSLMODE.
        let system = |name: &str| (name == "PGSSLROOTCERT").then(|| "system".to_owned());
        let url = PostgresUrl::parse_with(BASE, system).unwrap();
        assert_eq!(url.ssl_mode(), SslMode::VerifyFull);
        let weak = |name: &str| match name {
            "PGSSLMODE" => Some("require".to_owned()),
            "PGSSLROOTCERT" => Some("system".to_owned()),
            _ => None,
        };
        assert!(matches!(
            PostgresUrl::parse_with(BASE, weak),
            Err(PostgresUrlError::WeakSslModeWithSystemRoots(
                SslMode::Require
            ))
        ));
    }

    #[test]
    fn the_default_is_libpq_s_prefer_without_checks() {
        let url = parse("").unwrap();
        assert_eq!(url.ssl_mode(), SslMode::Prefer);
        assert_eq!(url.certificate_check(), CertificateCheck::None);
        assert_eq!(
            url.config().get_ssl_mode(),
            tokio_postgres::config::SslMode::Prefer
        );
    }

    #[test]
    fn each_mode_checks_what_libpq_checks() {
        let cases = [
            ("disable", CertificateCheck::None),
            ("prefer", CertificateCheck::None),
            ("require", CertificateCheck::None),
            ("verify-ca", CertificateCheck::Chain),
            ("verify-full", CertificateCheck::ChainAndHost),
        ];
        for (mode, check) in cases {
            let url = parse(&format!("?sslmode={mode}")).unwrap();
            assert_eq!(url.ssl_mode().as_str(), mode);
            assert_eq!(url.certificate_check(), check, "{mode}");
            assert_eq!(url.trusted_roots(), RootCerts::System, "{mode}");
        }
    }

    #[test]
    fn a_root_file_makes_require_and_prefer_check_the_chain() {
        for mode in ["prefer", "require"] {
            let url = parse(&format!("?sslmode={mode}&sslrootcert=%2Fetc%2Fca.pem")).unwrap();
            assert_eq!(url.certificate_check(), CertificateCheck::Chain, "{mode}");
            assert_eq!(url.trusted_roots(), RootCerts::File("/etc/ca.pem".into()));
        }
    }

    #[test]
    fn system_roots_mean_verify_full_and_refuse_weaker_modes() {
        let url = parse("?sslrootcert=system").unwrap();
        assert_eq!(url.ssl_mode(), SslMode::VerifyFull);
        let error = parse("?sslmode=verify-ca&sslrootcert=system").unwrap_err();
        assert!(matches!(
            error,
            PostgresUrlError::WeakSslModeWithSystemRoots(SslMode::VerifyCa)
        ));
        assert!(error.to_string().contains("use verify-full"), "{error}");
    }

    #[test]
    fn an_unknown_mode_is_a_typed_error_naming_the_five() {
        let error = parse("?sslmode=verify_full").unwrap_err();
        assert!(matches!(&error, PostgresUrlError::UnknownSslMode(mode) if mode == "verify_full"));
        assert_eq!(
            error.to_string(),
            "unknown sslmode `verify_full`: expected disable, prefer, require, verify-ca or verify-full"
        );
    }

    #[test]
    fn the_other_parameters_reach_tokio_postgres() {
        let url = parse(
            "?application_name=inbox&sslmode=require&options=-c%20search_path%3Dx&sslrootcert=ca.pem",
        )
        .unwrap();
        assert_eq!(url.config().get_application_name(), Some("inbox"));
        assert_eq!(url.config().get_options(), Some("-c search_path=x"));
        assert_eq!(
            url.config().get_ssl_mode(),
            tokio_postgres::config::SslMode::Require
        );
        assert!(!format!("{url:?}").contains(":p@"));
    }

    #[test]
    fn a_parameter_tokio_postgres_does_not_know_is_an_error() {
        let error = parse("?sslcompression=1").unwrap_err();
        assert!(matches!(error, PostgresUrlError::Invalid(_)), "{error}");
    }
}
