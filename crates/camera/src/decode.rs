//! Camera pixel formats to RGBA: MJPEG (zune-jpeg, pure Rust and SIMD), YUYV 4:2:2, NV12 4:2:0,
//! and the rare raw RGB/BGR/grey modes. Colour conversion uses BT.601 limited range, what UVC
//! webcams send.

use thiserror::Error;
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

/// The frame formats a camera may deliver that this crate decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PixelFormat {
    /// Motion JPEG: every frame a JPEG picture (the Huffman tables may be left out).
    Mjpeg,
    /// Packed 4:2:2 `Y0 U Y1 V`.
    Yuyv,
    /// Planar luma then interleaved `U V` at half resolution both ways.
    Nv12,
    /// Packed 8-bit RGB.
    Rgb,
    /// Packed 8-bit BGR.
    Bgr,
    /// 8-bit luma only.
    Grey,
}

/// Why a camera buffer could not be turned into a picture.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The buffer is shorter than its format and size need (a torn or partial frame).
    #[error("the frame has {actual} bytes; {expected} are needed")]
    Truncated { expected: usize, actual: usize },
    /// The JPEG data is corrupt.
    #[error("the MJPEG frame is corrupt: {0}")]
    Jpeg(String),
    /// The JPEG picture is not the size the camera announced.
    #[error("the frame is {actual:?}, the camera announced {expected:?}")]
    SizeMismatch {
        expected: (u32, u32),
        actual: (u32, u32),
    },
    /// A side is zero or odd where the format needs it even.
    #[error("a {width}×{height} frame is not possible in this format")]
    BadSize { width: u32, height: u32 },
}

/// Decodes one camera buffer into `out` (resized to `width × height × 4`).
pub fn decode_to_rgba(
    format: PixelFormat,
    width: u32,
    height: u32,
    data: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), DecodeError> {
    if width == 0 || height == 0 {
        return Err(DecodeError::BadSize { width, height });
    }
    let pixels = width as usize * height as usize;
    match format {
        PixelFormat::Mjpeg => return mjpeg_to_rgba(data, (width, height), out),
        PixelFormat::Yuyv => {
            if !width.is_multiple_of(2) {
                return Err(DecodeError::BadSize { width, height });
            }
            need(data, pixels * 2)?;
            out.resize(pixels * 4, 0);
            yuyv_to_rgba(&data[..pixels * 2], out);
        }
        PixelFormat::Nv12 => {
            if !width.is_multiple_of(2) || !height.is_multiple_of(2) {
                return Err(DecodeError::BadSize { width, height });
            }
            need(data, pixels * 3 / 2)?;
            out.resize(pixels * 4, 0);
            nv12_to_rgba(width as usize, height as usize, data, out);
        }
        PixelFormat::Rgb | PixelFormat::Bgr => {
            need(data, pixels * 3)?;
            out.resize(pixels * 4, 0);
            let swap = format == PixelFormat::Bgr;
            for (src, dst) in data.chunks_exact(3).zip(out.chunks_exact_mut(4)) {
                let (r, b) = if swap {
                    (src[2], src[0])
                } else {
                    (src[0], src[2])
                };
                dst.copy_from_slice(&[r, src[1], b, 255]);
            }
        }
        PixelFormat::Grey => {
            need(data, pixels)?;
            out.resize(pixels * 4, 0);
            for (&y, dst) in data.iter().zip(out.chunks_exact_mut(4)) {
                dst.copy_from_slice(&[y, y, y, 255]);
            }
        }
    }
    Ok(())
}

fn need(data: &[u8], expected: usize) -> Result<(), DecodeError> {
    if data.len() < expected {
        return Err(DecodeError::Truncated {
            expected,
            actual: data.len(),
        });
    }
    Ok(())
}

/// Whether a JPEG stream defines its own Huffman tables (a DHT segment before the first scan).
/// Many webcams leave them out of MJPEG frames and rely on the standard tables.
fn has_huffman_tables(data: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return false;
        }
        match data[at + 1] {
            0xC4 => return true,
            0xDA | 0xD9 => return false,
            0xFF => at += 1, // fill byte
            _ => at += 2 + usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]])),
        }
    }
    false
}

/// An APP0 "AVI1" segment: tells the decoder this is an MJPEG frame whose Huffman tables are
/// the standard ones (JPEG Annex K.3), as the OpenDML AVI specification defines.
const AVI1_APP0: [u8; 9] = [0xFF, 0xE0, 0x00, 0x07, b'A', b'V', b'I', b'1', 0x00];

/// Decodes a JPEG picture straight to RGBA. `expected` is the size the camera announced.
/// Frames without Huffman tables get the standard ones.
pub fn mjpeg_to_rgba(
    data: &[u8],
    expected: (u32, u32),
    out: &mut Vec<u8>,
) -> Result<(), DecodeError> {
    if data.get(..2) != Some(&[0xFF, 0xD8]) {
        return Err(DecodeError::Jpeg("no start-of-image marker".into()));
    }
    let patched;
    let data = if has_huffman_tables(data) {
        data
    } else {
        let mut with_marker = Vec::with_capacity(data.len() + AVI1_APP0.len());
        with_marker.extend_from_slice(&data[..2]);
        with_marker.extend_from_slice(&AVI1_APP0);
        with_marker.extend_from_slice(&data[2..]);
        patched = with_marker;
        &patched
    };
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::RGBA)
        .set_max_width(16_384)
        .set_max_height(16_384);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(data), options);
    decoder
        .decode_headers()
        .map_err(|e| DecodeError::Jpeg(e.to_string()))?;
    let (w, h) = decoder
        .dimensions()
        .ok_or_else(|| DecodeError::Jpeg("no frame header".into()))?;
    let actual = (w as u32, h as u32);
    if actual != expected {
        return Err(DecodeError::SizeMismatch { expected, actual });
    }
    let size = decoder
        .output_buffer_size()
        .ok_or_else(|| DecodeError::Jpeg("no frame header".into()))?;
    if size != w * h * 4 {
        return Err(DecodeError::Jpeg(format!(
            "the decoder would write {size} bytes for a {w}×{h} RGBA picture"
        )));
    }
    out.resize(size, 0);
    decoder
        .decode_into(out)
        .map_err(|e| DecodeError::Jpeg(e.to_string()))
}

/// BT.601 limited range to RGB with 8-bit fixed-point coefficients.
#[inline]
fn yuv_to_rgb(y: u8, u: u8, v: u8) -> [u8; 3] {
    let c = 298 * (i32::from(y) - 16) + 128;
    let d = i32::from(u) - 128;
    let e = i32::from(v) - 128;
    let clamp = |x: i32| (x >> 8).clamp(0, 255) as u8;
    [
        clamp(c + 409 * e),
        clamp(c - 100 * d - 208 * e),
        clamp(c + 516 * d),
    ]
}

fn yuyv_to_rgba(data: &[u8], out: &mut [u8]) {
    for (src, dst) in data.chunks_exact(4).zip(out.chunks_exact_mut(8)) {
        let (y0, u, y1, v) = (src[0], src[1], src[2], src[3]);
        let [r0, g0, b0] = yuv_to_rgb(y0, u, v);
        let [r1, g1, b1] = yuv_to_rgb(y1, u, v);
        dst.copy_from_slice(&[r0, g0, b0, 255, r1, g1, b1, 255]);
    }
}

fn nv12_to_rgba(width: usize, height: usize, data: &[u8], out: &mut [u8]) {
    let (luma, chroma) = data.split_at(width * height);
    for (row, out_row) in out.chunks_exact_mut(width * 4).enumerate().take(height) {
        let y_row = &luma[row * width..(row + 1) * width];
        let uv_row = &chroma[(row / 2) * width..(row / 2 + 1) * width];
        for ((ys, uv), dst) in y_row
            .chunks_exact(2)
            .zip(uv_row.chunks_exact(2))
            .zip(out_row.chunks_exact_mut(8))
        {
            let [r0, g0, b0] = yuv_to_rgb(ys[0], uv[0], uv[1]);
            let [r1, g1, b1] = yuv_to_rgb(ys[1], uv[0], uv[1]);
            dst.copy_from_slice(&[r0, g0, b0, 255, r1, g1, b1, 255]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BT.601 limited-range encoding of one RGB colour, for building test buffers.
    fn rgb_to_yuv(r: u8, g: u8, b: u8) -> (u8, u8, u8) {
        let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
        let y = 16.0 + 0.257 * r + 0.504 * g + 0.098 * b;
        let u = 128.0 - 0.148 * r - 0.291 * g + 0.439 * b;
        let v = 128.0 + 0.439 * r - 0.368 * g - 0.071 * b;
        (y.round() as u8, u.round() as u8, v.round() as u8)
    }

    fn close(a: &[u8], b: &[u8], tolerance: i32) -> bool {
        a.iter()
            .zip(b)
            .all(|(&x, &y)| (i32::from(x) - i32::from(y)).abs() <= tolerance)
    }

    #[test]
    fn yuyv_round_trips_colours() {
        let colours = [[200u8, 40, 30], [20, 180, 90]];
        let mut data = Vec::new();
        for c in colours {
            let (y, u, v) = rgb_to_yuv(c[0], c[1], c[2]);
            data.extend_from_slice(&[y, u, y, v]);
        }
        let mut out = Vec::new();
        decode_to_rgba(PixelFormat::Yuyv, 4, 1, &data, &mut out).unwrap();
        assert_eq!(out.len(), 16);
        assert!(close(&out[0..3], &colours[0], 3), "{:?}", &out[0..4]);
        assert!(close(&out[4..7], &colours[0], 3));
        assert!(close(&out[8..11], &colours[1], 3), "{:?}", &out[8..12]);
        assert_eq!(out[15], 255);
    }

    #[test]
    fn nv12_uses_one_chroma_pair_per_two_by_two_block() {
        let (y, u, v) = rgb_to_yuv(50, 100, 220);
        let mut data = vec![y; 4 * 2];
        data.extend_from_slice(&[u, v, u, v]);
        let mut out = Vec::new();
        decode_to_rgba(PixelFormat::Nv12, 4, 2, &data, &mut out).unwrap();
        for px in out.chunks_exact(4) {
            assert!(close(&px[..3], &[50, 100, 220], 3), "{px:?}");
        }
    }

    #[test]
    fn short_buffers_and_odd_sizes_are_errors() {
        let mut out = Vec::new();
        assert_eq!(
            decode_to_rgba(PixelFormat::Yuyv, 4, 2, &[0; 10], &mut out),
            Err(DecodeError::Truncated {
                expected: 16,
                actual: 10
            })
        );
        assert!(matches!(
            decode_to_rgba(PixelFormat::Nv12, 3, 2, &[0; 100], &mut out),
            Err(DecodeError::BadSize { .. })
        ));
        assert!(matches!(
            decode_to_rgba(PixelFormat::Mjpeg, 4, 2, b"not a jpeg", &mut out),
            Err(DecodeError::Jpeg(_))
        ));
    }

    #[test]
    fn mjpeg_decodes_and_checks_the_announced_size() {
        let picture = image::RgbImage::from_fn(32, 16, |x, _| image::Rgb([x as u8 * 8, 100, 50]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
            .encode_image(&picture)
            .unwrap();
        let mut out = Vec::new();
        decode_to_rgba(PixelFormat::Mjpeg, 32, 16, &jpeg, &mut out).unwrap();
        assert_eq!(out.len(), 32 * 16 * 4);
        assert!(close(&out[..3], &[0, 100, 50], 8), "{:?}", &out[..4]);
        assert_eq!(out[3], 255);
        assert_eq!(
            decode_to_rgba(PixelFormat::Mjpeg, 640, 480, &jpeg, &mut out),
            Err(DecodeError::SizeMismatch {
                expected: (640, 480),
                actual: (32, 16)
            })
        );
    }

    #[test]
    fn mjpeg_frames_without_huffman_tables_use_the_standard_ones() {
        let picture = image::RgbImage::from_fn(64, 48, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x + y) * 2) as u8])
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&picture)
            .unwrap();
        assert!(has_huffman_tables(&jpeg));
        // Cut every DHT segment out, as a webcam sends the frame.
        let mut stripped = jpeg[..2].to_vec();
        let mut at = 2;
        while jpeg[at + 1] != 0xDA {
            let len = 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
            if jpeg[at + 1] != 0xC4 {
                stripped.extend_from_slice(&jpeg[at..at + len]);
            }
            at += len;
        }
        stripped.extend_from_slice(&jpeg[at..]);
        assert!(!has_huffman_tables(&stripped));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        mjpeg_to_rgba(&jpeg, (64, 48), &mut a).unwrap();
        mjpeg_to_rgba(&stripped, (64, 48), &mut b).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn raw_rgb_and_bgr_and_grey() {
        let mut out = Vec::new();
        decode_to_rgba(PixelFormat::Bgr, 1, 1, &[1, 2, 3], &mut out).unwrap();
        assert_eq!(out, [3, 2, 1, 255]);
        decode_to_rgba(PixelFormat::Rgb, 1, 1, &[1, 2, 3], &mut out).unwrap();
        assert_eq!(out, [1, 2, 3, 255]);
        decode_to_rgba(PixelFormat::Grey, 1, 1, &[9], &mut out).unwrap();
        assert_eq!(out, [9, 9, 9, 255]);
    }
}
