//! The connection to the issuance service: the embedded sandbox (started off the UI thread on
//! loopback, when the app is built with the `sandbox` feature) or a remote URL. Either way the
//! app talks to it over HTTP through one client.

use std::path::PathBuf;
#[cfg(feature = "sandbox")]
use std::sync::Arc;

use qoltanba_core::client::{Client, ClientError};

use crate::config::Service;

/// A live connection. For the embedded sandbox it also keeps the server running: the server
/// stops when the last clone of the connection is dropped.
#[derive(Clone)]
pub struct Connection {
    pub client: Client,
    #[cfg(feature = "sandbox")]
    pub sandbox: Option<Arc<qoltanba_sandbox::RunningSandbox>>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("base_url", &self.client.base_url())
            .field("sandbox", &self.is_sandbox())
            .finish()
    }
}

impl Connection {
    pub fn is_sandbox(&self) -> bool {
        #[cfg(feature = "sandbox")]
        return self.sandbox.is_some();
        #[cfg(not(feature = "sandbox"))]
        false
    }
}

/// Why the service could not be reached or started; translated in the view
/// (`explain::connect`), never shown as the library's own English text.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ConnectError {
    /// No service address is set and this build has no sandbox to start instead.
    #[error("no service address is set and the sandbox is not built in")]
    NoServiceUrl,
    /// The configured service address or CA file is not usable.
    #[error("the service client is misconfigured: {0}")]
    Client(ClientError),
    /// The embedded sandbox cannot use its data folder (permissions, a full disk).
    #[error("the embedded sandbox cannot use {path}: {reason}")]
    SandboxData { path: PathBuf, reason: String },
    /// The embedded sandbox could not listen on loopback.
    #[error("the embedded sandbox cannot listen: {0}")]
    SandboxListen(String),
    /// The embedded sandbox failed otherwise (database, test CA, runtime).
    #[error("the embedded sandbox failed to start: {0}")]
    SandboxFailed(String),
}

#[cfg(feature = "sandbox")]
impl From<qoltanba_sandbox::SandboxError> for ConnectError {
    fn from(error: qoltanba_sandbox::SandboxError) -> Self {
        use qoltanba_sandbox::SandboxError;
        match error {
            SandboxError::DataDir { path, source } => ConnectError::SandboxData {
                path,
                reason: source.to_string(),
            },
            SandboxError::Bind { source, .. } => ConnectError::SandboxListen(source.to_string()),
            other => ConnectError::SandboxFailed(other.to_string()),
        }
    }
}

/// How the client reaches a remote service: which CAs it trusts, whether plain http may
/// leave this computer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transport {
    pub ca_file: Option<PathBuf>,
    pub only_ca: Option<PathBuf>,
    pub insecure_http: bool,
}

impl Transport {
    pub fn of(config: &crate::config::Config) -> Transport {
        Transport {
            ca_file: config.ca_file.clone(),
            only_ca: config.only_ca.clone(),
            insecure_http: config.insecure_http,
        }
    }

    fn client(&self, url: &str) -> Result<Client, qoltanba_core::client::ClientError> {
        let mut builder = Client::builder(url).insecure_http(self.insecure_http);
        if let Some(path) = &self.ca_file {
            builder = builder.extra_ca(path);
        }
        if let Some(path) = &self.only_ca {
            builder = builder.only_ca(path);
        }
        builder.build()
    }
}

/// Starts or reaches the service. Starting the sandbox opens its database and, the first time,
/// creates its test CA, so this runs on a blocking thread.
pub async fn connect(
    service: Service,
    data_dir: PathBuf,
    transport: Transport,
) -> Result<Connection, ConnectError> {
    match service {
        Service::Remote(url) => {
            let client = transport.client(&url).map_err(ConnectError::Client)?;
            Ok(Connection {
                client,
                #[cfg(feature = "sandbox")]
                sandbox: None,
            })
        }
        #[cfg(feature = "sandbox")]
        Service::EmbeddedSandbox => {
            let started = tokio::task::spawn_blocking(move || {
                let config = qoltanba_sandbox::SandboxConfig::loopback(data_dir.join("sandbox"));
                qoltanba_sandbox::spawn_in_background(config)
            })
            .await
            .map_err(|e| ConnectError::SandboxFailed(e.to_string()))??;
            let client = Client::new(&started.base_url(), None).map_err(ConnectError::Client)?;
            Ok(Connection {
                client,
                sandbox: Some(Arc::new(started)),
            })
        }
        #[cfg(not(feature = "sandbox"))]
        Service::EmbeddedSandbox => {
            let _ = data_dir;
            Err(ConnectError::NoServiceUrl)
        }
    }
}

#[cfg(all(test, not(feature = "sandbox")))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn without_the_sandbox_a_missing_address_is_an_error() {
        let dir = std::env::temp_dir();
        let connection = connect(Service::EmbeddedSandbox, dir, Transport::default()).await;
        assert!(matches!(connection.err(), Some(ConnectError::NoServiceUrl)));
    }
}

#[cfg(test)]
mod transport_tests {
    use super::*;
    use qoltanba_core::client::ClientError;

    #[tokio::test]
    async fn plain_http_to_another_computer_needs_the_lab_flag_and_only_ca_is_honoured() {
        let dir = std::env::temp_dir();
        let remote = || Service::Remote("http://10.0.0.5:8787".into());
        let refused = connect(remote(), dir.clone(), Transport::default()).await;
        assert!(
            matches!(
                &refused,
                Err(ConnectError::Client(ClientError::PlainHttp { url })) if url.contains("10.0.0.5")
            ),
            "{:?}",
            refused.as_ref().err()
        );
        let lab = Transport {
            insecure_http: true,
            ..Transport::default()
        };
        assert!(connect(remote(), dir.clone(), lab).await.is_ok());
        let pinned = Transport {
            only_ca: Some("/nope/ca.pem".into()),
            ..Transport::default()
        };
        let https = Service::Remote("https://issuance.example.kz".into());
        let unreadable = connect(https, dir, pinned).await;
        assert!(
            matches!(&unreadable, Err(ConnectError::Client(ClientError::Config(m))) if m.contains("/nope/ca.pem")),
            "{:?}",
            unreadable.as_ref().err()
        );
    }
}
