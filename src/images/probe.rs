//! Opening a raster picture safely: the format from its first bytes, the
//! decoder's memory bounded, the dimensions checked before any pixel is
//! decoded.

use super::{ImageError, MAX_PIXELS};
use image::{ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The decoder's own bounds: no side above this, and no allocation above
/// what [`MAX_PIXELS`] needs in 16-bit RGBA.
const MAX_SIDE: u32 = 30_000;
const MAX_ALLOC: u64 = MAX_PIXELS * 8;

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

/// The image crate's error, in the words of [`ImageError`].
pub fn classify(e: image::ImageError) -> ImageError {
    match e {
        image::ImageError::Limits(_) => ImageError::TooLarge {
            found: "more pixels than its decoder allows".into(),
            limit: format!("{} megapixels", MAX_PIXELS / 1_000_000),
        },
        image::ImageError::Unsupported(u) => ImageError::Unsupported(u.to_string()),
        other => ImageError::Corrupt(other.to_string()),
    }
}

/// A decoder for `bytes`, with its format, once the dimensions are known to
/// be within the limits.
pub fn open(bytes: &[u8]) -> Result<(impl ImageDecoder + '_, ImageFormat), ImageError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Read(e.to_string()))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ => {
            return Err(ImageError::Unsupported(
                "the file is not a JPEG, PNG or WebP picture".into(),
            ));
        }
    };
    if format == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        return Err(ImageError::Corrupt(
            "the file is cut short (it has no end-of-image marker)".into(),
        ));
    }
    // Headers are read without bounds, so that an oversized picture is
    // reported with its dimensions; pixels are then decoded within them.
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h)?;
    decoder.set_limits(limits()).map_err(classify)?;
    Ok((decoder, format))
}

/// Whether a JPEG holds its end-of-image marker after its image data. The
/// JPEG decoder fills a file cut short (an interrupted copy or upload)
/// with grey rather than failing; such a file should be copied again, not
/// published. Segments are walked up to the first scan, so that the marker
/// of a thumbnail inside the EXIF block is not mistaken for the image's.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut i = 2; // after SOI
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        match marker {
            0xFF => i += 1, // fill byte
            0xD8 | 0x01 | 0xD0..=0xD7 => i += 2,
            0xD9 => return false, // ends before any image data
            _ => {
                let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
                if marker == 0xDA {
                    let data = bytes.get(i + 2 + len..).unwrap_or(&[]);
                    return data.windows(2).any(|w| w == [0xFF, 0xD9]);
                }
                i += 2 + len;
            }
        }
    }
    false
}

pub fn check_pixels(w: u32, h: u32) -> Result<(), ImageError> {
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PIXELS {
        return Err(ImageError::TooLarge {
            found: format!("{w} × {h} px"),
            limit: format!("{} megapixels", MAX_PIXELS / 1_000_000),
        });
    }
    if w == 0 || h == 0 {
        return Err(ImageError::Corrupt(format!("{w} × {h} pixels")));
    }
    Ok(())
}

/// The stored (not yet upright) dimensions, read from the header only.
pub fn probe(bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    let (decoder, _) = open(bytes)?;
    Ok(decoder.dimensions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_garbage_and_bombs() {
        assert!(matches!(
            probe(b"not a picture at all"),
            Err(ImageError::Unsupported(_))
        ));
        assert!(matches!(
            check_pixels(100_000, 100_000),
            Err(ImageError::TooLarge { .. })
        ));
        assert!(check_pixels(8000, 5000).is_ok());
    }

    #[test]
    fn a_jpeg_cut_short_is_corrupt() {
        let img =
            image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 0]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&img)
            .unwrap();
        assert!(jpeg_is_whole(&jpeg));
        assert_eq!(probe(&jpeg).unwrap(), (64, 64));
        let cut = &jpeg[..jpeg.len() * 2 / 3];
        assert!(!jpeg_is_whole(cut));
        assert!(matches!(probe(cut), Err(ImageError::Corrupt(_))));
        assert!(!jpeg_is_whole(&[0xFF, 0xD8, 0xFF]));
    }
}
