//! The pending kit's manifest: the non-secret JSON beside the encrypted keys that says which
//! keys they are, what was requested and under which `Idempotency-Key`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::names::{is_key_id, manifest_file_name};
use crate::domain::{ApplicationNumber, IdempotencyKey};
use crate::protocol::KeyAlgorithm;

/// Manifests and pending keys are a few kilobytes; anything much larger is not ours.
const MAX_PENDING_FILE: u64 = 64 * 1024;

/// The requests made with a kit's keys (PEM, public), kept to send them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Requests {
    Rsa { auth: String, sign: String },
    Gost(String),
}

/// What a manifest says about its kit (everything but the folder it is in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KitRecord {
    pub algorithm: KeyAlgorithm,
    pub owner: String,
    pub created_at: String,
    pub auth_id: String,
    pub sign_id: String,
    pub application_number: Option<ApplicationNumber>,
    pub request_key: Option<IdempotencyKey>,
    pub requests: Option<Requests>,
}

const MANIFEST_KIND: &str = "qoltanba-pending-keys";

/// RSA kits are written as version 2, exactly as before GOST. A GOST kit is version 3, so an
/// older build refuses it as unknown instead of taking it for an RSA kit.
const RSA_VERSION: u32 = 2;
const GOST_VERSION: u32 = 3;
/// The manifest versions this build reads (1: no request key; 3: GOST).
const MANIFEST_VERSIONS: std::ops::RangeInclusive<u32> = 1..=3;

/// The manifest, as stored (non-secret).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    kind: String,
    version: u32,
    /// RFC 3339, when the keys were saved.
    created_at: String,
    /// The CN of the requests, so the user can tell kits apart.
    owner: String,
    /// RSA: the AUTH key's id. GOST: the one key's id.
    auth_id: String,
    /// RSA: the signing key's id. GOST: the same id as `auth_id` (one key for both).
    sign_id: String,
    application_number: Option<ApplicationNumber>,
    /// Version 3: `gost2015_512`; absent (RSA) before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    algorithm: Option<KeyAlgorithm>,
    /// Version 2: the `Idempotency-Key` of the application request, made before it is sent,
    /// and the requests (public), so that a lost answer can be asked for again, even after
    /// a restart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_key: Option<IdempotencyKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    csr_auth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    csr_sign: Option<String>,
    /// Version 3, GOST: the one request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    csr: Option<String>,
}

/// The manifest's JSON for a kit.
pub(super) fn manifest_json(pending: &KitRecord) -> Result<Vec<u8>, StoreError> {
    let (version, algorithm) = match pending.algorithm {
        KeyAlgorithm::Rsa2048 => (RSA_VERSION, None),
        KeyAlgorithm::Gost2015_512 => (GOST_VERSION, Some(KeyAlgorithm::Gost2015_512)),
    };
    let (csr_auth, csr_sign, csr) = match &pending.requests {
        Some(Requests::Rsa { auth, sign }) => (Some(auth.clone()), Some(sign.clone()), None),
        Some(Requests::Gost(csr)) => (None, None, Some(csr.clone())),
        None => (None, None, None),
    };
    let manifest = Manifest {
        kind: MANIFEST_KIND.into(),
        version,
        created_at: pending.created_at.clone(),
        owner: pending.owner.clone(),
        auth_id: pending.auth_id.clone(),
        sign_id: pending.sign_id.clone(),
        application_number: pending.application_number.clone(),
        algorithm,
        request_key: pending.request_key.clone(),
        csr_auth,
        csr_sign,
        csr,
    };
    serde_json::to_vec_pretty(&manifest).map_err(|e| StoreError::Io(e.into()))
}

/// Reads and checks the manifest at `path`.
pub(super) fn read_manifest(path: &Path) -> Result<KitRecord, StoreError> {
    let corrupt = || StoreError::PendingCorrupt {
        path: path.to_path_buf(),
    };
    let bytes = read_limited(path)?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|_| corrupt())?;
    let algorithm = manifest.algorithm.unwrap_or_default();
    // One key for both roles in a GOST kit, two different ones in an RSA kit.
    let ids_fit = match algorithm {
        KeyAlgorithm::Rsa2048 => manifest.auth_id != manifest.sign_id,
        KeyAlgorithm::Gost2015_512 => {
            manifest.auth_id == manifest.sign_id && manifest.version == GOST_VERSION
        }
    };
    if manifest.kind != MANIFEST_KIND
        || !MANIFEST_VERSIONS.contains(&manifest.version)
        || !is_key_id(&manifest.auth_id)
        || !is_key_id(&manifest.sign_id)
        || !ids_fit
        || path.file_name().and_then(|n| n.to_str())
            != Some(manifest_file_name(&manifest.auth_id).as_str())
    {
        return Err(corrupt());
    }
    let requests = match algorithm {
        KeyAlgorithm::Rsa2048 => manifest
            .csr_auth
            .zip(manifest.csr_sign)
            .map(|(auth, sign)| Requests::Rsa { auth, sign }),
        KeyAlgorithm::Gost2015_512 => manifest.csr.map(Requests::Gost),
    };
    Ok(KitRecord {
        algorithm,
        owner: manifest.owner,
        created_at: manifest.created_at,
        auth_id: manifest.auth_id,
        sign_id: manifest.sign_id,
        application_number: manifest.application_number,
        request_key: manifest.request_key,
        requests,
    })
}

/// A kit file's bytes, refused as damaged when missing or far larger than ours ever are.
pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, StoreError> {
    let corrupt = || StoreError::PendingCorrupt {
        path: path.to_path_buf(),
    };
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => corrupt(),
        _ => StoreError::Io(e),
    })?;
    if metadata.len() > MAX_PENDING_FILE {
        return Err(corrupt());
    }
    Ok(std::fs::read(path)?)
}
