//! GOST kits written the way НУЦ РК writes its own (DOMAIN.md, checked on a real kit): MAC
//! HMAC-SHA1 with a 20-byte salt, the key in a pkcs8ShroudedKeyBag under
//! pbeWithSHAAnd3-KeyTripleDES-CBC, the one end-entity certificate in EncryptedData under
//! pbeWithSHAAnd40BitRC2-CBC, 1024 iterations each, localKeyId = SKI and friendlyName = SKI in
//! lower-case hex on both bags.
//!
//! p12-keystore writes one algorithm for both bags, so this file is assembled here (yasna),
//! with RustCrypto's des, rc2, cbc, hmac and the PKCS#12 KDF. It is DER; НУЦ writes BER
//! with indefinite lengths, which every reader treats the same (DER is a subset of BER).

use cbc::cipher::{BlockCipherEncrypt, BlockModeEncrypt, KeyInit, KeyIvInit, block_padding::Pkcs7};
use hmac::{Hmac, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
use rand::RngCore;
use sha1::Sha1;
use zeroize::Zeroizing;

use super::error::PkiError;
use super::gost_x509::{gost_key_id, gost_pkcs8};
use crate::gost::SigningKey;

/// НУЦ's iteration count for the MAC and both bags.
pub const NUC_ITERATIONS: u32 = 1024;
const SALT_LEN: usize = 20;

const DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 1];
const ENCRYPTED_DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 6];
const SHROUDED_KEY_BAG: &[u64] = &[1, 2, 840, 113549, 1, 12, 10, 1, 2];
const CERT_BAG: &[u64] = &[1, 2, 840, 113549, 1, 12, 10, 1, 3];
const X509_CERTIFICATE: &[u64] = &[1, 2, 840, 113549, 1, 9, 22, 1];
const PBE_SHA1_3DES: &[u64] = &[1, 2, 840, 113549, 1, 12, 1, 3];
const PBE_SHA1_RC2_40: &[u64] = &[1, 2, 840, 113549, 1, 12, 1, 6];
const LOCAL_KEY_ID: &[u64] = &[1, 2, 840, 113549, 1, 9, 21];
const FRIENDLY_NAME: &[u64] = &[1, 2, 840, 113549, 1, 9, 20];
const SHA1_OID: &[u64] = &[1, 3, 14, 3, 2, 26];

fn oid(arcs: &[u64]) -> yasna::models::ObjectIdentifier {
    yasna::models::ObjectIdentifier::from_slice(arcs)
}

fn salt() -> [u8; SALT_LEN] {
    let mut salt = [0u8; SALT_LEN];
    rand::rng().fill_bytes(&mut salt);
    salt
}

fn kdf_failed(e: impl std::fmt::Display) -> PkiError {
    PkiError::Pkcs12(format!("PKCS#12 key derivation: {e}"))
}

/// PKCS#12 PBE (RFC 7292 appendix B, SHA-1) with a CBC block cipher.
fn pbe_encrypt<C>(
    plain: &[u8],
    password: &str,
    salt: &[u8],
    key_len: usize,
) -> Result<Vec<u8>, PkiError>
where
    C: KeyInit + BlockCipherEncrypt,
{
    let rounds = NUC_ITERATIONS as i32;
    let key = Zeroizing::new(
        derive_key_utf8::<Sha1>(
            password,
            salt,
            Pkcs12KeyType::EncryptionKey,
            rounds,
            key_len,
        )
        .map_err(kdf_failed)?,
    );
    let iv = derive_key_utf8::<Sha1>(password, salt, Pkcs12KeyType::Iv, rounds, 8)
        .map_err(kdf_failed)?;
    let cipher = cbc::Encryptor::<C>::new_from_slices(&key, &iv)
        .map_err(|_| PkiError::Pkcs12("cipher key length".into()))?;
    Ok(cipher.encrypt_padded_vec::<Pkcs7>(plain))
}

/// `AlgorithmIdentifier { pbe, SEQUENCE { salt, iterations } }`.
fn pbe_algorithm(writer: yasna::DERWriter<'_>, pbe: &[u64], salt: &[u8]) {
    writer.write_sequence(|seq| {
        seq.next().write_oid(&oid(pbe));
        seq.next().write_sequence(|params| {
            params.next().write_bytes(salt);
            params.next().write_u32(NUC_ITERATIONS);
        });
    });
}

/// `SET { localKeyId = SKI, friendlyName = SKI in hex }`, on both bags as in НУЦ's kits.
fn bag_attributes(writer: yasna::DERWriter<'_>, key_id: &[u8], key_id_hex: &str) {
    writer.write_set(|attributes| {
        attributes.next().write_sequence(|attribute| {
            attribute.next().write_oid(&oid(LOCAL_KEY_ID));
            attribute
                .next()
                .write_set(|values| values.next().write_bytes(key_id));
        });
        attributes.next().write_sequence(|attribute| {
            attribute.next().write_oid(&oid(FRIENDLY_NAME));
            attribute
                .next()
                .write_set(|values| values.next().write_bmp_string(key_id_hex));
        });
    });
}

/// `GOST512_<SKI>.p12`'s bytes for `key` and its certificate, protected with `password`.
pub fn build_gost_pkcs12(
    key: &SigningKey,
    certificate_der: &[u8],
    password: &str,
) -> Result<Vec<u8>, PkiError> {
    let key_id_hex = gost_key_id(&key.verifying_key());
    let key_id = hex::decode(&key_id_hex).map_err(|e| PkiError::Pkcs12(e.to_string()))?;
    let pkcs8 = gost_pkcs8(key);

    let key_salt = salt();
    let encrypted_key = pbe_encrypt::<des::TdesEde3>(&pkcs8, password, &key_salt, 24)?;
    let key_contents = yasna::construct_der(|writer| {
        writer.write_sequence_of(|bags| {
            bags.next().write_sequence(|bag| {
                bag.next().write_oid(&oid(SHROUDED_KEY_BAG));
                bag.next().write_tagged(yasna::Tag::context(0), |w| {
                    w.write_sequence(|info| {
                        pbe_algorithm(info.next(), PBE_SHA1_3DES, &key_salt);
                        info.next().write_bytes(&encrypted_key);
                    });
                });
                bag_attributes(bag.next(), &key_id, &key_id_hex);
            });
        });
    });

    let certificate_contents = yasna::construct_der(|writer| {
        writer.write_sequence_of(|bags| {
            bags.next().write_sequence(|bag| {
                bag.next().write_oid(&oid(CERT_BAG));
                bag.next().write_tagged(yasna::Tag::context(0), |w| {
                    w.write_sequence(|cert_bag| {
                        cert_bag.next().write_oid(&oid(X509_CERTIFICATE));
                        cert_bag.next().write_tagged(yasna::Tag::context(0), |w| {
                            w.write_bytes(certificate_der)
                        });
                    });
                });
                bag_attributes(bag.next(), &key_id, &key_id_hex);
            });
        });
    });
    let cert_salt = salt();
    let encrypted_certificates =
        pbe_encrypt::<rc2::Rc2>(&certificate_contents, password, &cert_salt, 5)?;

    let authenticated_safe = yasna::construct_der(|writer| {
        writer.write_sequence_of(|infos| {
            infos.next().write_sequence(|info| {
                info.next().write_oid(&oid(DATA));
                info.next()
                    .write_tagged(yasna::Tag::context(0), |w| w.write_bytes(&key_contents));
            });
            infos.next().write_sequence(|info| {
                info.next().write_oid(&oid(ENCRYPTED_DATA));
                info.next().write_tagged(yasna::Tag::context(0), |w| {
                    w.write_sequence(|data| {
                        data.next().write_u8(0);
                        data.next().write_sequence(|content| {
                            content.next().write_oid(&oid(DATA));
                            pbe_algorithm(content.next(), PBE_SHA1_RC2_40, &cert_salt);
                            content
                                .next()
                                .write_tagged_implicit(yasna::Tag::context(0), |w| {
                                    w.write_bytes(&encrypted_certificates);
                                });
                        });
                    });
                });
            });
        });
    });

    let mac_salt = salt();
    let mac_key = Zeroizing::new(
        derive_key_utf8::<Sha1>(
            password,
            &mac_salt,
            Pkcs12KeyType::Mac,
            NUC_ITERATIONS as i32,
            20,
        )
        .map_err(kdf_failed)?,
    );
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(&mac_key)
        .map_err(|_| PkiError::Pkcs12("MAC key length".into()))?;
    mac.update(&authenticated_safe);
    let digest = mac.finalize().into_bytes();

    Ok(yasna::construct_der(|writer| {
        writer.write_sequence(|pfx| {
            pfx.next().write_u8(3);
            pfx.next().write_sequence(|info| {
                info.next().write_oid(&oid(DATA));
                info.next().write_tagged(yasna::Tag::context(0), |w| {
                    w.write_bytes(&authenticated_safe)
                });
            });
            pfx.next().write_sequence(|mac_data| {
                mac_data.next().write_sequence(|digest_info| {
                    digest_info.next().write_sequence(|algorithm| {
                        algorithm.next().write_oid(&oid(SHA1_OID));
                        algorithm.next().write_null();
                    });
                    digest_info.next().write_bytes(&digest);
                });
                mac_data.next().write_bytes(&mac_salt);
                mac_data.next().write_u32(NUC_ITERATIONS);
            });
        });
    }))
}

/// The file name НУЦ gives a GOST kit: `GOST512_<SKI>.p12`, SKI in lower-case hex as in the
/// friendlyName.
pub fn gost_file_name(key: &SigningKey) -> String {
    format!("GOST512_{}.p12", gost_key_id(&key.verifying_key()))
}
