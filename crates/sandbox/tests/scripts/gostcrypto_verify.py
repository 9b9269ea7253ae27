"""Verifies GOST 34.10-2015 512-bit signatures with PyPI gostcrypto, an implementation
independent of ours (its own Streebog and curve arithmetic).

Reads lines "tbs_hex sig_hex pub_hex" from stdin: the signed bytes, the signature as НУЦ lays
it out (r_LE || s_LE) and the signer's key (x_LE || y_LE). Prints OK or FAIL per line.
gostcrypto wants x_BE || y_BE, r_BE || s_BE and the digest byte-reversed (DOMAIN.md).
"""
import sys

from gostcrypto import gosthash, gostsignature

CURVE = gostsignature.CURVES_R_1323565_1_024_2019["id-tc26-gost-3410-12-512-paramSetA"]
signer = gostsignature.new(gostsignature.MODE_512, CURVE)

for line in sys.stdin:
    if not line.strip():
        continue
    tbs, sig, pub = (bytearray.fromhex(part) for part in line.split())
    digest = gosthash.new("streebog512", data=tbs).digest()
    key = pub[:64][::-1] + pub[64:][::-1]
    signature = sig[:64][::-1] + sig[64:][::-1]
    print("OK" if signer.verify(key, bytearray(digest[::-1]), signature) else "FAIL")
