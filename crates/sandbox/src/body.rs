//! Request bodies: bounded reading, content types, and JSON/path/query extractors that answer
//! with the protocol's error shape instead of axum's plain-text rejections.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::{HeaderMap, header, request::Parts};
use http_body_util::BodyExt;
use qoltanba_core::protocol::{ErrorCode, MAX_JSON_BYTES};
use serde::de::DeserializeOwned;

use crate::error::{ApiResult, Failure};
use crate::server::BodyTimeout;

/// Bytes read and thrown away after a body was refused, so that the client receives the
/// answer instead of a connection reset while it is still sending. The rest is read in the
/// background, never kept, and given up after [`DRAIN_TIME`].
const DRAIN_CAP: usize = 64 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(30);

/// Used when a request carries no [`BodyTimeout`] (it did not come through the server).
const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(120);

/// Reads and discards what is left of a refused body, in the background.
pub fn discard(mut body: Body) {
    tokio::spawn(async move {
        let drain = async {
            let mut total = 0usize;
            while let Some(Ok(frame)) = body.frame().await {
                if let Ok(data) = frame.into_data() {
                    total = total.saturating_add(data.len());
                    if total > DRAIN_CAP {
                        break;
                    }
                }
            }
        };
        let _ = tokio::time::timeout(DRAIN_TIME, drain).await;
    });
}

/// Reads a whole body of at most `limit` bytes. A declared `Content-Length` over the limit
/// is refused before anything is read; a streamed body is refused as soon as it passes the
/// limit; a body not complete within the server's body timeout is `malformed_request`.
pub async fn read_body(parts: &Parts, mut body: Body, limit: usize) -> ApiResult<Bytes> {
    let too_large = || {
        Failure::new(
            ErrorCode::PayloadTooLarge,
            format!("the body is larger than this route accepts ({limit} bytes)"),
        )
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        discard(body);
        return Err(too_large());
    }
    let timeout = parts
        .extensions
        .get::<BodyTimeout>()
        .map_or(DEFAULT_BODY_TIMEOUT, |BodyTimeout(t)| *t);
    let deadline = tokio::time::Instant::now() + timeout;
    let mut buffer = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    loop {
        let frame = match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => {
                return Err(Failure::new(
                    ErrorCode::MalformedRequest,
                    format!("the body was not sent within {} s", timeout.as_secs()),
                ));
            }
            Ok(None) => break,
            Ok(Some(frame)) => frame.map_err(|e| {
                Failure::new(
                    ErrorCode::MalformedRequest,
                    format!("cannot read the body: {e}"),
                )
            })?,
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if buffer.len().saturating_add(data.len()) > limit {
            discard(body);
            return Err(too_large());
        }
        buffer.extend_from_slice(&data);
    }
    Ok(Bytes::from(buffer))
}

/// The media type of a request without parameters, lower-case (`image/png`).
pub fn content_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

fn is_json(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| ct == "application/json" || ct.ends_with("+json"))
}

/// A JSON body of at most 64 KiB sent as `application/json`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Failure;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = read_body(&parts, body, MAX_JSON_BYTES).await?;
        if !is_json(content_type(&parts.headers).as_deref()) {
            return Err(Failure::new(
                ErrorCode::UnsupportedMediaType,
                "send the body as application/json",
            ));
        }
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| {
            Failure::new(
                ErrorCode::MalformedRequest,
                format!("the JSON body does not fit this route: {e}"),
            )
        })
    }
}

/// Path parameters; a bad one is `malformed_request`.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| ApiPath(value))
            .map_err(|e| Failure::new(ErrorCode::MalformedRequest, e.body_text()))
    }
}

/// Query parameters; a bad or missing one is `malformed_request`.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| ApiQuery(value))
            .map_err(|e| Failure::new(ErrorCode::MalformedRequest, e.body_text()))
    }
}

/// The bearer token of `Authorization: Bearer …`; missing is `unauthorized`.
pub struct Bearer(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|token| Bearer(token.trim().to_owned()))
            .filter(|Bearer(token)| !token.is_empty())
            .ok_or_else(|| {
                Failure::new(
                    ErrorCode::Unauthorized,
                    "send the session's access token as Authorization: Bearer …",
                )
            })
    }
}
