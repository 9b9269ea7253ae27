//! Evidence uploads: selfie, video with its challenge log, account PIN, ID card sides.

use std::path::Path;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use qoltanba_core::domain::AccountPin;
use qoltanba_core::protocol::{
    ChallengeLog, ErrorCode, MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, PinRequest, StepAccepted,
};

use crate::body::{ApiJson, ApiPath, Bearer, content_type, discard, read_body};
use crate::error::{ApiResult, Failure};
use crate::media::{self, MediaInfo};
use crate::secrets;
use crate::session;
use crate::state::AppState;
use crate::store::{UploadRecord, create_private_file};

/// Room for the multipart framing and the challenge log beside the video itself.
const MULTIPART_OVERHEAD: usize = 64 * 1024;

fn accepted(step: &str) -> Json<StepAccepted> {
    Json(StepAccepted {
        step: step.to_owned(),
    })
}

pub async fn selfie(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Bearer(token): Bearer,
    request: Request,
) -> ApiResult<Json<StepAccepted>> {
    image_upload(state, id, token, request, "selfie").await
}

pub async fn document(
    State(state): State<AppState>,
    ApiPath((id, side)): ApiPath<(String, String)>,
    Bearer(token): Bearer,
    request: Request,
) -> ApiResult<Json<StepAccepted>> {
    let kind = match side.as_str() {
        "front" => "document_front",
        "back" => "document_back",
        _ => {
            return Err(Failure::new(
                ErrorCode::NotFound,
                "the document side is front or back",
            ));
        }
    };
    image_upload(state, id, token, request, kind).await
}

async fn image_upload(
    state: AppState,
    id: String,
    token: String,
    request: Request,
    kind: &'static str,
) -> ApiResult<Json<StepAccepted>> {
    let (parts, body) = request.into_parts();
    // The token and the type are checked before a byte of the upload is read.
    if let Err(refused) = authorize_open(&state, &id, &token).await {
        discard(body);
        return Err(refused);
    }
    let declared = content_type(&parts.headers).unwrap_or_default();
    if !qoltanba_core::protocol::IMAGE_CONTENT_TYPES.contains(&declared.as_str()) {
        discard(body);
        return Err(Failure::new(
            ErrorCode::UnsupportedMediaType,
            "photos must be sent as image/jpeg or image/png",
        ));
    }
    let bytes = read_body(&parts, body, MAX_IMAGE_BYTES).await?;
    let check = bytes.clone();
    let content = declared.clone();
    let info = blocking(move || media::check_image(&content, &check)).await?;
    save_upload(&state, id, kind, declared, bytes, info, None).await?;
    Ok(accepted(kind))
}

pub async fn video(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Bearer(token): Bearer,
    request: Request,
) -> ApiResult<Json<StepAccepted>> {
    let (parts, body) = request.into_parts();
    // The token and the type are checked before a byte of the upload is read.
    if let Err(refused) = authorize_open(&state, &id, &token).await {
        discard(body);
        return Err(refused);
    }
    if content_type(&parts.headers).as_deref() != Some("multipart/form-data") {
        discard(body);
        return Err(Failure::new(
            ErrorCode::UnsupportedMediaType,
            "send multipart/form-data with a `video` part and a `challenge_log` part",
        ));
    }
    let bytes = read_body(&parts, body, MAX_VIDEO_BYTES + MULTIPART_OVERHEAD).await?;
    let request = Request::from_parts(parts, Body::from(bytes));
    let multipart = Multipart::from_request(request, &())
        .await
        .map_err(|e| Failure::new(ErrorCode::MalformedRequest, e.body_text()))?;
    let (declared, video, log) = read_video_parts(multipart).await?;
    let check = video.clone();
    let content = declared.clone();
    let info = blocking(move || media::check_video(&content, &check)).await?;
    media::check_challenge_log(&log, info.duration_ms.unwrap_or(0))?;
    let log_json = serde_json::to_string(&log).map_err(Failure::internal)?;
    save_upload(&state, id, "video", declared, video, info, Some(log_json)).await?;
    Ok(accepted("video"))
}

async fn read_video_parts(mut multipart: Multipart) -> ApiResult<(String, Bytes, ChallengeLog)> {
    let malformed = |message: String| Failure::new(ErrorCode::MalformedRequest, message);
    let mut video = None;
    let mut log = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| malformed(e.body_text()))?
    {
        match field.name() {
            Some("video") => {
                let declared = field
                    .content_type()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !qoltanba_core::protocol::VIDEO_CONTENT_TYPES.contains(&declared.as_str()) {
                    return Err(Failure::new(
                        ErrorCode::UnsupportedMediaType,
                        "the video part must be video/x-msvideo or video/mp4",
                    ));
                }
                let bytes = field.bytes().await.map_err(|e| malformed(e.body_text()))?;
                if bytes.len() > MAX_VIDEO_BYTES {
                    return Err(Failure::new(
                        ErrorCode::PayloadTooLarge,
                        format!("the video is larger than {MAX_VIDEO_BYTES} bytes"),
                    ));
                }
                video = Some((declared, bytes));
            }
            Some("challenge_log") => {
                let bytes = field.bytes().await.map_err(|e| malformed(e.body_text()))?;
                let parsed: ChallengeLog = serde_json::from_slice(&bytes)
                    .map_err(|e| malformed(format!("challenge_log: {e}")))?;
                log = Some(parsed);
            }
            _ => {}
        }
    }
    let (declared, video) = video.ok_or_else(|| malformed("the `video` part is missing".into()))?;
    let log = log.ok_or_else(|| malformed("the `challenge_log` part is missing".into()))?;
    Ok((declared, video, log))
}

pub async fn pin(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Bearer(token): Bearer,
    ApiJson(request): ApiJson<PinRequest>,
) -> ApiResult<Json<StepAccepted>> {
    let access = session::Access::of(&state);
    let pin = AccountPin::parse(&request.pin)
        .map_err(|e| Failure::new(ErrorCode::InvalidPin, e.to_string()))?;
    let salt = secrets::random_hex(16);
    let hash = secrets::pin_hash(&salt, pin.expose());
    state
        .store
        .call(move |tx| {
            let mut record = session::authorize(tx, &id, &token, access)?;
            session::ensure_open(&record)?;
            record.pin_salt = Some(salt);
            record.pin_hash = Some(hash);
            record.save(tx)?;
            Ok(())
        })
        .await?;
    Ok(accepted("pin"))
}

async fn authorize_open(state: &AppState, id: &str, token: &str) -> ApiResult<()> {
    let access = session::Access::of(state);
    let (id, token) = (id.to_owned(), token.to_owned());
    state
        .store
        .call(move |tx| {
            let record = session::authorize(tx, &id, &token, access)?;
            session::ensure_open(&record)
        })
        .await
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Failure::internal(format!("blocking task failed: {e}")))?
}

/// Writes the file (owner-only) and records its metadata.
async fn save_upload(
    state: &AppState,
    session_id: String,
    kind: &'static str,
    content_type: String,
    bytes: Bytes,
    info: MediaInfo,
    challenge_log: Option<String>,
) -> ApiResult<()> {
    let extension = match content_type.as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "video/mp4" => "mp4",
        _ => "avi",
    };
    let file_name = format!("{kind}.{extension}");
    let dir = state.store.dir().join("uploads").join(&session_id);
    let path = dir.join(&file_name);
    // Each upload writes its own temporary file, flushed to disk, and only then takes the
    // file's name; the rename and the record happen in one store transaction, so concurrent
    // uploads of one side cannot mix their bytes and the record names the file that won.
    let temporary = dir.join(format!(".{file_name}.{}.part", secrets::random_hex(8)));
    let data = bytes.clone();
    let (write_dir, write_to) = (dir.clone(), temporary.clone());
    blocking(move || write_temporary(&write_dir, &write_to, &data).map_err(Failure::internal))
        .await?;
    let record = UploadRecord {
        session_id,
        kind: kind.to_owned(),
        content_type,
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        sha256: secrets::sha256_hex(&bytes),
        width: info.width,
        height: info.height,
        duration_ms: info.duration_ms,
        file_name,
        uploaded_at: state.clock.now(),
    };
    let leftover = temporary.clone();
    let stored = state
        .store
        .call(move |tx| {
            record.save(tx)?;
            if let Some(log) = challenge_log {
                tx.execute(
                    "UPDATE sessions SET challenge_log = ?1 WHERE id = ?2",
                    [&log, &record.session_id],
                )?;
            }
            std::fs::rename(&temporary, &path).map_err(Failure::internal)?;
            sync_dir(&dir);
            Ok(())
        })
        .await;
    if stored.is_err() {
        let _ = std::fs::remove_file(&leftover);
    }
    stored?;
    tracing::info!(kind, "upload stored");
    Ok(())
}

/// Writes `bytes` to a new owner-only file and flushes it to disk.
fn write_temporary(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    create_private_file(path)?;
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes a directory entry (the rename) to disk where the platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
