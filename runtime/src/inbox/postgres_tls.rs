//! The rustls side of a PostgreSQL connection: the trusted roots and the certificate check that
//! the URL's `sslmode` asks for, on the aws-lc-rs provider the webhook verifier already links.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::verify_server_cert_signed_by_trust_anchor;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::postgres_url::{CertificateCheck, PostgresUrl, PostgresUrlError, RootCerts};

/// The client configuration for `url`'s checks. Loads the roots (a file, or the system's
/// store) only when a check needs them.
pub(super) fn client_config(url: &PostgresUrl) -> Result<ClientConfig, PostgresUrlError> {
    // The provider is passed explicitly, so no process-wide default has to be installed.
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let algorithms = provider.signature_verification_algorithms;
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(PostgresUrlError::Tls)?;
    let config = match url.certificate_check() {
        CertificateCheck::ChainAndHost => builder
            .with_root_certificates(roots(&url.trusted_roots())?)
            .with_no_client_auth(),
        check => {
            let roots = match check {
                CertificateCheck::Chain => Some(Arc::new(roots(&url.trusted_roots())?)),
                _ => None,
            };
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(NoHostCheck { roots, algorithms }))
                .with_no_client_auth()
        }
    };
    Ok(config)
}

fn roots(source: &RootCerts) -> Result<RootCertStore, PostgresUrlError> {
    let mut store = RootCertStore::empty();
    match source {
        RootCerts::File(path) => {
            let unreadable = |reason: String| PostgresUrlError::RootCert {
                path: path.clone(),
                reason,
            };
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| unreadable(e.to_string()))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| unreadable(e.to_string()))?;
            let (added, _) = store.add_parsable_certificates(certs);
            if added == 0 {
                return Err(unreadable("no usable PEM certificate".to_owned()));
            }
        }
        RootCerts::System => {
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
            if store.is_empty() {
                let errors: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
                let detail = if errors.is_empty() {
                    String::new()
                } else {
                    format!(": {}", errors.join("; "))
                };
                return Err(PostgresUrlError::NoSystemRoots(detail));
            }
        }
    }
    Ok(store)
}

/// The checks that leave the host name alone: `verify-ca` (the chain up to a trusted root,
/// whatever names the certificate gives), or, without roots, `prefer` and `require` (any
/// certificate, as libpq). The handshake's signatures are checked either way, so the session
/// is encrypted to the key that certificate holds.
#[derive(Debug)]
struct NoHostCheck {
    /// `None`: any certificate.
    roots: Option<Arc<RootCertStore>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for NoHostCheck {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Some(roots) = &self.roots {
            let cert = ParsedCertificate::try_from(end_entity)?;
            verify_server_cert_signed_by_trust_anchor(
                &cert,
                roots,
                intermediates,
                now,
                self.algorithms.all,
            )?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_root_file_is_a_typed_error() {
        let url = PostgresUrl::parse_with(
            "postgres://u@localhost/db?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem",
            |_| None,
        )
        .unwrap();
        let error = client_config(&url).unwrap_err();
        assert!(
            matches!(&error, PostgresUrlError::RootCert { path, .. } if path.ends_with("ca.pem")),
            "{error}"
        );
    }

    #[test]
    fn a_root_file_without_a_certificate_is_a_typed_error() {
        let path = std::env::temp_dir().join(format!(
            "backend-events-empty-ca-{}.pem",
            std::process::id()
        ));
        std::fs::write(&path, "not a certificate\n").unwrap();
        let url = PostgresUrl::parse_with(
            &format!(
                "postgres://u@localhost/db?sslmode=verify-full&sslrootcert={}",
                path.display()
            ),
            |_| None,
        )
        .unwrap();
        let error = client_config(&url).unwrap_err();
        let _ = std::fs::remove_file(&path);
        assert!(
            error.to_string().contains("no usable PEM certificate"),
            "{error}"
        );
    }

    #[test]
    fn modes_without_checks_need_no_roots() {
        for mode in ["prefer", "require"] {
            let url = PostgresUrl::parse_with(
                &format!("postgres://u@localhost/db?sslmode={mode}"),
                |_| None,
            )
            .unwrap();
            client_config(&url).unwrap();
        }
    }
}
