//! Decoding, turning upright, resizing and encoding one raster picture.
//! Nothing of the source's metadata is carried over: the encoders are given
//! pixels only, so EXIF (with any GPS position), XMP and ICC profiles are
//! left behind.

use super::probe::{classify, open};
use super::{Format, ImageError, WIDTHS};
use image::imageops::{self, FilterType};
use image::{DynamicImage, ImageDecoder, ImageFormat, RgbImage, RgbaImage};

/// Quality of the lossy encoders (0–100). WebP at 72 is indistinguishable
/// on a phone from JPEG at 80, at about two thirds of the bytes.
pub const JPEG_QUALITY: u8 = 80;
pub const WEBP_QUALITY: f32 = 72.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// A picture's renditions, and its upright size.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

/// The widths to publish a picture `width` pixels wide at: those of
/// [`WIDTHS`] below it, and its own width when it is narrower than the
/// widest (never upscaled).
pub fn widths(width: u32) -> Vec<u32> {
    let max = WIDTHS.last().copied().unwrap_or(width);
    let mut v: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if width <= max {
        v.push(width);
    } else {
        v.push(max);
    }
    v.dedup();
    v
}

enum Pixels {
    Rgb(RgbImage),
    Rgba(RgbaImage),
}

impl Pixels {
    fn width(&self) -> u32 {
        match self {
            Pixels::Rgb(i) => i.width(),
            Pixels::Rgba(i) => i.width(),
        }
    }

    fn resize(&self, w: u32, h: u32) -> Pixels {
        // Lanczos3: sharp downscales; each step starts from the previous
        // (larger) rendition, which keeps the cost low.
        match self {
            Pixels::Rgb(i) => Pixels::Rgb(imageops::resize(i, w, h, FilterType::Lanczos3)),
            Pixels::Rgba(i) => Pixels::Rgba(imageops::resize(i, w, h, FilterType::Lanczos3)),
        }
    }

    fn webp(&self, lossless: bool) -> Result<Vec<u8>, ImageError> {
        let enc = match self {
            Pixels::Rgb(i) => webp::Encoder::from_rgb(i.as_raw(), i.width(), i.height()),
            Pixels::Rgba(i) => webp::Encoder::from_rgba(i.as_raw(), i.width(), i.height()),
        };
        enc.encode_simple(lossless, WEBP_QUALITY)
            .map(|m| m.to_vec())
            .map_err(|e| ImageError::Encode(format!("WebP: {e:?}")))
    }

    fn fallback(&self, format: Format) -> Result<Vec<u8>, ImageError> {
        let mut out = Vec::new();
        let r = match (self, format) {
            (Pixels::Rgb(i), Format::Jpeg) => {
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                    .encode_image(i)
            }
            (Pixels::Rgb(i), _) => {
                DynamicImage::ImageRgb8(i.clone()).write_with_encoder(png_encoder(&mut out))
            }
            (Pixels::Rgba(i), _) => {
                DynamicImage::ImageRgba8(i.clone()).write_with_encoder(png_encoder(&mut out))
            }
        };
        r.map_err(|e| ImageError::Encode(e.to_string()))?;
        Ok(out)
    }
}

fn png_encoder(out: &mut Vec<u8>) -> image::codecs::png::PngEncoder<&mut Vec<u8>> {
    image::codecs::png::PngEncoder::new_with_quality(
        out,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    )
}

/// Decodes `bytes` and turns the picture upright by its EXIF orientation.
pub fn decode(bytes: &[u8]) -> Result<(DynamicImage, ImageFormat), ImageError> {
    let (mut decoder, format) = open(bytes)?;
    // A broken EXIF block does not make the picture unusable: it is then
    // taken as it is stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(classify)?;
    img.apply_orientation(orientation);
    Ok((img, format))
}

/// Decodes the picture in `bytes` without encoding anything: what
/// `nongsan check` needs to know that a build will succeed.
pub fn check(bytes: &[u8]) -> Result<(), ImageError> {
    std::panic::catch_unwind(|| decode(bytes).map(|_| ())).unwrap_or_else(|_| {
        Err(ImageError::Corrupt(
            "the decoder failed on this file".into(),
        ))
    })
}

/// Every rendition of the picture in `bytes`.
pub fn encode(bytes: &[u8]) -> Result<Encoded, ImageError> {
    // Decoders are third-party code reading untrusted bytes: a panic in
    // one becomes a diagnostic on this picture, not a crashed build.
    std::panic::catch_unwind(|| encode_inner(bytes)).unwrap_or_else(|_| {
        Err(ImageError::Corrupt(
            "the decoder failed on this file".into(),
        ))
    })
}

fn encode_inner(bytes: &[u8]) -> Result<Encoded, ImageError> {
    let (img, format) = decode(bytes)?;
    let (width, height) = (img.width(), img.height());
    let opaque = !img.color().has_alpha() || img.to_rgba8().pixels().all(|p| p.0[3] == 255);
    let pixels = if opaque {
        Pixels::Rgb(img.to_rgb8())
    } else {
        Pixels::Rgba(img.to_rgba8())
    };
    drop(img);
    // Photos fall back to JPEG; drawings and transparent pictures to PNG.
    let fallback = if format == ImageFormat::Png || !opaque {
        Format::Png
    } else {
        Format::Jpeg
    };
    // A PNG is a drawing, a logo or a screenshot: lossy WebP would blur its
    // edges and text, lossless WebP keeps them and is still smaller.
    let lossless = format == ImageFormat::Png;
    let mut variants = Vec::new();
    let mut current = pixels;
    for w in widths(width).into_iter().rev() {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        if current.width() != w {
            current = current.resize(w, h);
        }
        variants.push(Variant {
            width: w,
            height: h,
            format: fallback,
            bytes: current.fallback(fallback)?,
        });
        variants.push(Variant {
            width: w,
            height: h,
            format: Format::Webp,
            bytes: current.webp(lossless)?,
        });
    }
    // WebP where it helps: kept only when the widest is smaller than its
    // fallback (always true for photos; not always for flat drawings).
    let size = |f: Format| {
        variants
            .iter()
            .find(|v| v.format == f)
            .map_or(0, |v| v.bytes.len())
    };
    if format != ImageFormat::WebP && size(Format::Webp) >= size(fallback) {
        variants.retain(|v| v.format != Format::Webp);
    }
    variants.reverse();
    Ok(Encoded {
        width,
        height,
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        assert_eq!(widths(4000), vec![320, 480, 720, 1024, 1600]);
        assert_eq!(widths(800), vec![320, 480, 720, 800]);
        assert_eq!(widths(720), vec![320, 480, 720]);
        assert_eq!(widths(100), vec![100]);
    }

    #[test]
    fn a_small_picture_gives_jpeg_and_webp_without_metadata() {
        let img = RgbImage::from_fn(900, 600, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8])
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&img)
            .unwrap();
        let enc = encode(&jpeg).unwrap();
        assert_eq!((enc.width, enc.height), (900, 600));
        let widths: Vec<u32> = enc
            .variants
            .iter()
            .filter(|v| v.format == Format::Jpeg)
            .map(|v| v.width)
            .collect();
        assert_eq!(widths, vec![320, 480, 720, 900]);
        assert!(enc.variants.iter().any(|v| v.format == Format::Webp));
        // Deterministic: the same bytes twice.
        assert_eq!(encode(&jpeg).unwrap(), enc);
    }

    #[test]
    fn a_transparent_png_stays_sharp_and_transparent() {
        // A flat logo: a solid disc on a transparent ground.
        let img = RgbaImage::from_fn(300, 200, |x, y| {
            let (dx, dy) = (x as i32 - 150, y as i32 - 100);
            if dx * dx + dy * dy < 80 * 80 {
                image::Rgba([160, 40, 20, 255])
            } else {
                image::Rgba([0, 0, 0, 0])
            }
        });
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(img.clone())
            .write_with_encoder(png_encoder(&mut png))
            .unwrap();
        let enc = encode(&png).unwrap();
        assert!(enc.variants.iter().all(|v| v.format != Format::Jpeg));
        let webp = enc
            .variants
            .iter()
            .find(|v| v.format == Format::Webp && v.width == 300)
            .expect("lossless WebP is smaller than PNG here");
        let back = image::load_from_memory(&webp.bytes).unwrap().to_rgba8();
        assert_eq!(back, img, "lossless: every pixel, alpha included");
    }
}
