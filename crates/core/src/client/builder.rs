//! How a [`Client`] is set up: the service URL (plain HTTP only on loopback unless allowed),
//! which CAs are trusted, and how large an answer may be.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use super::{BACKOFF, CONNECT_TIMEOUT, Client, ClientError, REQUEST_TIMEOUT};

/// The largest response body read by default (16 MiB): the biggest real answers (certificate
/// chains, document data) are a few KiB; more is a broken or hostile service.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Which certificate authorities the client trusts for `https://`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Trust {
    /// The operating system's roots.
    System,
    /// The operating system's roots and the CAs in this PEM file (`--ca-file`).
    SystemAnd(PathBuf),
    /// Only the CAs in this PEM file.
    Only(PathBuf),
}

/// Options for [`Client`]; [`Client::new`] is `Client::builder(url).extra_ca(..).build()`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    trust: Trust,
    insecure_http: bool,
    max_response_bytes: usize,
    timeout: std::time::Duration,
}

impl ClientBuilder {
    pub(super) fn new(base_url: &str) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.to_owned(),
            trust: Trust::System,
            insecure_http: false,
            max_response_bytes: MAX_RESPONSE_BYTES,
            timeout: REQUEST_TIMEOUT,
        }
    }

    /// How long one request may take before it counts as lost (default [`REQUEST_TIMEOUT`]).
    pub fn timeout(mut self, timeout: std::time::Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// Trusts the CAs in this PEM file as well as the operating system's roots (deployments
    /// behind a private CA). Replaces an earlier [`Self::only_ca`].
    pub fn extra_ca(mut self, path: &Path) -> ClientBuilder {
        self.trust = Trust::SystemAnd(path.to_owned());
        self
    }

    /// Trusts ONLY the CAs in this PEM file: the operating system's roots are not used, so a
    /// certificate from any other CA is refused. Replaces an earlier [`Self::extra_ca`].
    pub fn only_ca(mut self, path: &Path) -> ClientBuilder {
        self.trust = Trust::Only(path.to_owned());
        self
    }

    /// Allows `http://` to a host that is not on loopback. Off by default: the requests carry
    /// the citizen's data, the SMS code and the session's bearer token in clear.
    pub fn insecure_http(mut self, allow: bool) -> ClientBuilder {
        self.insecure_http = allow;
        self
    }

    /// The largest response body read (default [`MAX_RESPONSE_BYTES`]); a longer answer is
    /// `ClientError::Malformed` and is not read further.
    pub fn max_response_bytes(mut self, limit: usize) -> ClientBuilder {
        self.max_response_bytes = limit;
        self
    }

    pub fn build(self) -> Result<Client, ClientError> {
        let base = self.base_url.trim().trim_end_matches('/').to_owned();
        let https = base.starts_with("https://");
        if !(https || base.starts_with("http://")) {
            return Err(ClientError::Config(format!("not an http(s) URL: {base}")));
        }
        let url =
            reqwest::Url::parse(&base).map_err(|e| ClientError::Config(format!("{base}: {e}")))?;
        if !https && !self.insecure_http && !is_loopback(&url) {
            return Err(ClientError::PlainHttp { url: base });
        }
        let mut builder = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("qoltanba/", env!("CARGO_PKG_VERSION")))
            // A service reached over https may not redirect the client to plain http.
            .https_only(https && !self.insecure_http);
        match &self.trust {
            Trust::System => {}
            Trust::SystemAnd(path) => builder = builder.tls_certs_merge(read_cas(path)?),
            Trust::Only(path) => builder = builder.tls_certs_only(read_cas(path)?),
        }
        let http = builder.build().map_err(|e| ClientError::from_reqwest(&e))?;
        Ok(Client {
            http,
            base,
            retry_pauses: &BACKOFF,
            max_response_bytes: self.max_response_bytes,
        })
    }
}

/// 127.0.0.0/8, ::1 (also as an IPv4-mapped address) or `localhost`.
fn is_loopback(url: &reqwest::Url) -> bool {
    // The URL parser has normalised the host: IPv4 in dotted decimal, IPv6 in brackets.
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

fn read_cas(path: &Path) -> Result<Vec<reqwest::Certificate>, ClientError> {
    let pem =
        std::fs::read(path).map_err(|e| ClientError::Config(format!("{}: {e}", path.display())))?;
    let certificates = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|e| ClientError::Config(format!("{}: {e}", path.display())))?;
    if certificates.is_empty() {
        return Err(ClientError::Config(format!(
            "{}: no PEM certificate in the file",
            path.display()
        )));
    }
    Ok(certificates)
}
