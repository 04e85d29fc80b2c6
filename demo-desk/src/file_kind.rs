//! What a file is: its media type when the client did not say, and an image's size.

/// The media type to record for an upload: the `Content-Type` the client sent, without
/// parameters, unless it is missing or is what `curl --data-binary` sends by default, in
/// which case the file name's extension decides.
pub(crate) fn media_type(content_type: Option<&str>, file_name: &str) -> String {
    let declared = content_type
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
        .filter(|value| value.contains('/') && value != "application/x-www-form-urlencoded");
    declared.unwrap_or_else(|| by_extension(file_name).to_owned())
}

fn by_extension(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        // What Zendesk records for files it cannot type.
        _ => "application/binary",
    }
}

/// Width and height of a PNG, GIF or JPEG image; `None` for anything else.
pub(crate) fn image_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let width = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let height = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some((width, height));
    }
    if (bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) && bytes.len() >= 10 {
        let width = u16::from_le_bytes([bytes[6], bytes[7]]);
        let height = u16::from_le_bytes([bytes[8], bytes[9]]);
        return Some((width.into(), height.into()));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return jpeg_dimensions(bytes);
    }
    None
}

/// Walks the JPEG segments to the first start-of-frame marker, which holds the size.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let height = u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]);
            let width = u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]);
            return Some((width.into(), height.into()));
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_type_wins_unless_it_is_curls_default() {
        assert_eq!(
            media_type(Some("text/plain; charset=utf-8"), "a.bin"),
            "text/plain"
        );
        assert_eq!(
            media_type(Some("application/x-www-form-urlencoded"), "shot.PNG"),
            "image/png"
        );
        assert_eq!(media_type(None, "notes"), "application/binary");
    }

    #[test]
    fn png_gif_and_jpeg_sizes_are_read_from_their_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(image_dimensions(&png), Some((640, 480)));

        let gif = b"GIF89a\x20\x03\x58\x02rest";
        assert_eq!(image_dimensions(gif), Some((800, 600)));

        // SOI, an APP0 segment of 4 bytes, then SOF0 with height 2 and width 3.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00,
            0x02, 0x00, 0x03, 0x03, 0x01,
        ];
        assert_eq!(image_dimensions(&jpeg), Some((3, 2)));

        assert_eq!(image_dimensions(b"plain text"), None);
    }
}
