//! The connection to the issuance service: the embedded sandbox (started off the UI thread on
//! loopback) or a remote URL. Either way the app talks to it over HTTP through one client.

use std::path::PathBuf;
use std::sync::Arc;

use qoltanba_core::client::Client;

use crate::config::Service;

/// A live connection. For the embedded sandbox it also keeps the server running: the server
/// stops when the last clone of the connection is dropped.
#[derive(Clone)]
pub struct Connection {
    pub client: Client,
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
        self.sandbox.is_some()
    }
}

/// Starts or reaches the service. Starting the sandbox opens its database and, the first time,
/// creates its test CA, so this runs on a blocking thread.
pub async fn connect(
    service: Service,
    data_dir: PathBuf,
    ca_file: Option<PathBuf>,
) -> Result<Connection, String> {
    match service {
        Service::Remote(url) => {
            let client = Client::new(&url, ca_file.as_deref()).map_err(|e| e.to_string())?;
            Ok(Connection {
                client,
                sandbox: None,
            })
        }
        Service::EmbeddedSandbox => {
            let started = tokio::task::spawn_blocking(move || {
                let config = qoltanba_sandbox::SandboxConfig::loopback(data_dir.join("sandbox"));
                qoltanba_sandbox::spawn_in_background(config)
            })
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
            let client = Client::new(&started.base_url(), None).map_err(|e| e.to_string())?;
            Ok(Connection {
                client,
                sandbox: Some(Arc::new(started)),
            })
        }
    }
}
