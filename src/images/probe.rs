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
            found: "too many pixels for its decoder".into(),
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
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(classify)?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h)?;
    Ok((decoder, format))
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
}
