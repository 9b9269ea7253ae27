//! The accept loop: hyper over tokio, so that an injected fault can close a connection
//! without an answer (a service error makes hyper drop the connection).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::response::IntoResponse;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use qoltanba_core::protocol::ErrorCode;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

use crate::config::Limits;
use crate::error::Failure;
use crate::faults::DropConnection;

/// The address of the client, put into every request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// How long a handler may wait for the request body, put into every request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub Duration);

/// Error that makes hyper close the connection.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

/// Serves until `shutdown` turns true; open connections are closed then too. At most
/// `limits.max_concurrent_requests` requests are handled at once (more answer 503
/// `unavailable`); a client that does not send its headers within
/// `limits.header_read_timeout` is disconnected.
pub async fn run(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    mut shutdown: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_concurrent_requests.max(1)));
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!("accept failed: {error}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let router = router.clone();
        let slots = slots.clone();
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    let router = router.clone();
                    let slot = slots.clone().try_acquire_owned();
                    request.extensions_mut().insert(Peer(peer));
                    request
                        .extensions_mut()
                        .insert(BodyTimeout(limits.body_read_timeout));
                    async move {
                        let Ok(_slot) = slot else {
                            return Ok(Failure::new(
                                ErrorCode::Unavailable,
                                "the sandbox is handling too many requests; retry shortly",
                            )
                            .retry_after(1)
                            .into_response());
                        };
                        let response = router
                            .oneshot(request)
                            .await
                            .unwrap_or_else(|never: Infallible| match never {});
                        if response.extensions().get::<DropConnection>().is_some() {
                            Err(Dropped)
                        } else {
                            Ok(response)
                        }
                    }
                });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                result = connection => {
                    if let Err(error) = result {
                        tracing::debug!("connection ended: {error}");
                    }
                }
                _ = shutdown.wait_for(|stop| *stop) => {}
            }
        });
    }
}
